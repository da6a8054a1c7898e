import axe from 'axe-core'

/**
 * Runs axe on a rendered container and lists violations as readable lines.
 * Colour contrast is left out: it needs layout, which happy-dom does not do.
 */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}
