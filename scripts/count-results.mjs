// Prints one plain "N passed, N failed" line: each vitest test counts once (from its JSON
// report), every other step of scripts/test.sh counts once. A vitest step that left no report
// counts as one failure, whatever its exit code.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const lines = (file) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean) : [])
const VITEST_STEPS = ['unit', 'e2e', 'e2e-postgres']
let passed = 0
let failed = 0
for (const step of VITEST_STEPS) {
  const path = join(dir, `${step}.json`)
  if (!existsSync(path)) {
    console.log(`${step}: no report written`)
    failed++
    continue
  }
  const r = JSON.parse(readFileSync(path, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  console.log(`${step}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)
}
passed += lines('steps-passed').filter((s) => !VITEST_STEPS.includes(s)).length
failed += lines('steps-failed').filter((s) => !VITEST_STEPS.includes(s)).length
console.log(`${passed} passed, ${failed} failed`)
