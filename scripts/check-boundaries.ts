// Shows that `pnpm lint`'s dependency rules bite: it plants a core file that imports
// @sightline/react and two files that import each other, runs dependency-cruiser on them, and
// fails unless both are reported. The planted files are removed whatever happens.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './packages'

const dir = join(ROOT, 'packages/core/src/boundary-probe')
const expected = ['core-imports-nothing-of-ours', 'no-cycles']

mkdirSync(dir, { recursive: true })
try {
  writeFileSync(join(dir, 'imports-react.ts'), "export { SightlineProvider } from '@sightline/react'\n")
  writeFileSync(join(dir, 'cycle-a.ts'), "import { b } from './cycle-b'\nexport const a = () => b\n")
  writeFileSync(join(dir, 'cycle-b.ts'), "import { a } from './cycle-a'\nexport const b = () => a\n")
  let report = ''
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/depcruise'), [dir, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (e) {
    report = (e as { stdout?: string }).stdout ?? ''
  }
  const missing = expected.filter((rule) => !report.includes(`error ${rule}`))
  if (missing.length) {
    console.error(`dependency rules did not report: ${missing.join(', ')}\n${report}`)
    process.exitCode = 1
  } else console.log(`dependency rules report a core → react import and a cycle, as they must (${expected.join(', ')})`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
