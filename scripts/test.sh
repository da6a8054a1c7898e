#!/usr/bin/env bash
# Everything CI runs, in order. Every step runs even after a failure; the last line counts
# the results as "N passed, N failed" (each vitest test counts once, each other step once).
set -uo pipefail
cd "$(dirname "$0")/.."
out=.test-results
rm -rf "$out" && mkdir -p "$out"
failed_steps=()

step() {
  local name=$1; shift
  echo "::: $name"
  if "$@"; then echo "$name" >> "$out/steps-passed"; else echo "FAILED: $name"; echo "$name" >> "$out/steps-failed"; failed_steps+=("$name"); fi
}

step "system packages" bash scripts/ensure-system.sh
# A throwaway PostgreSQL for the store contract on PostgreSQL and one e2e pass; CI may provide its own.
if [ -z "${SIGHTLINE_TEST_DATABASE_URL:-}" ]; then
  if pg_env=$(bash scripts/pg.sh start); then eval "$pg_env"; echo "postgres" >> "$out/steps-passed"
  else echo "FAILED: postgres"; echo "postgres" >> "$out/steps-failed"; failed_steps+=("postgres"); fi
fi
export SIGHTLINE_TEST_DATABASE_URL
step "format" pnpm format:check
step "lint" pnpm lint
step "boundary rules" node --import tsx scripts/check-boundaries.ts
step "typecheck" pnpm typecheck
step "build packages" pnpm build
step "size" pnpm size
step "package checks" bash -c "pnpm pack:all >/dev/null && pnpm check:packages"
step "unit" pnpm vitest run --reporter=default --reporter=json --outputFile.json="$PWD/$out/unit.json"
step "storybook build" pnpm build:storybook
step "playground build" pnpm build:playground
step "e2e" pnpm vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$PWD/$out/e2e.json"
step "e2e-postgres" env SIGHTLINE_E2E_DATABASE_URL="${SIGHTLINE_TEST_DATABASE_URL:-}" pnpm vitest run --config e2e/vitest.config.ts \
  e2e/playground.e2e.test.ts e2e/feedback.e2e.test.ts --reporter=default --reporter=json --outputFile.json="$PWD/$out/e2e-postgres.json"

node scripts/count-results.mjs "$out"
[ ${#failed_steps[@]} -eq 0 ] || { echo "failed steps: ${failed_steps[*]}"; exit 1; }
