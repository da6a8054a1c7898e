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
step "typecheck" pnpm typecheck
step "size" pnpm size
step "unit" pnpm vitest run --reporter=default --reporter=json --outputFile.json="$PWD/$out/unit.json"
step "storybook build" pnpm build:storybook
step "playground build" pnpm build:playground
step "feedback script build" pnpm --filter @sightline/feedback build
step "e2e" pnpm vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$PWD/$out/e2e.json"

node scripts/count-results.mjs "$out"
[ ${#failed_steps[@]} -eq 0 ] || { echo "failed steps: ${failed_steps[*]}"; exit 1; }
