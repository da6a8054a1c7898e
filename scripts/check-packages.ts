// Checks the packed tarballs as a registry would serve them: only built files inside, no
// workspace: ranges left, publint clean, and types that resolve (are-the-types-wrong, ESM-only).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { publicPackages, ROOT, tarballPath } from './packages'

/** What a tarball may hold: the build, the bin, and the package's docs. */
const ALLOWED = /^package\/(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin\/[\w-]+\.js|dist\/[\w.-]+\.(js|d\.ts|d\.ts\.map|css))$/
/** Entry points that are not modules with types. */
const UNTYPED_ENTRIES = ['./styles.css', './sightline-feedback.js', './package.json']

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name)
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

let failures = 0
function check(label: string, fn: () => unknown) {
  try {
    const note = fn()
    console.log(`ok    ${label}${typeof note === 'string' ? ` (${note})` : ''}`)
  } catch (e) {
    failures++
    const err = e as { stdout?: string; stderr?: string; message: string }
    console.log(`FAIL  ${label}\n${[err.stdout, err.stderr].filter(Boolean).join('\n') || err.message}`)
  }
}

for (const pkg of publicPackages()) {
  const tgz = tarballPath(pkg)
  if (!existsSync(tgz)) {
    failures++
    console.log(`FAIL  ${pkg.name}: ${tgz} is missing (run \`pnpm pack:all\` after \`pnpm build\`)`)
    continue
  }
  check(`${pkg.name}: only built files and docs`, () => {
    const files = run('tar', ['-tzf', tgz]).split('\n').filter(Boolean)
    const stray = files.filter((f) => !ALLOWED.test(f) || /\b(test|fixture|fake)/i.test(f))
    if (stray.length) throw new Error(`unexpected files:\n  ${stray.join('\n  ')}`)
    return `${files.length} files`
  })
  check(`${pkg.name}: no workspace: ranges`, () => {
    const manifest = run('tar', ['-xzOf', tgz, 'package/package.json'])
    if (manifest.includes('workspace:')) throw new Error(`package.json still names workspace: ranges`)
  })
  check(`${pkg.name}: publint`, () => {
    run(bin('publint'), ['run', tgz, '--strict'])
  })
  check(`${pkg.name}: are-the-types-wrong`, () => {
    run(bin('attw'), [tgz, '--profile', 'esm-only', '--no-emoji', '--no-color', '--exclude-entrypoints', ...UNTYPED_ENTRIES])
  })
}
console.log(failures ? `${failures} package check(s) failed` : 'every package check passed')
process.exit(failures ? 1 : 0)
