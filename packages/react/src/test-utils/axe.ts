import axe from 'axe-core'

// axe-core refuses a second run while one is going ("Axe is already running"), as when a test times
// out mid-run and the next one starts: every run waits for the one before it.
let last: Promise<unknown> = Promise.resolve()

/**
 * Runs axe on a rendered container and lists violations as readable lines.
 * Colour contrast is left out: it needs layout, which happy-dom does not do.
 */
export function axeViolations(container: Element): Promise<string[]> {
  const run = last.then(() => axe.run(container, { rules: { 'color-contrast': { enabled: false } } }))
  last = run.catch(() => {})
  return run.then((result) => result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`))
}
