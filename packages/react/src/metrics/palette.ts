import type { ChartGroup } from '@sightline/core'

/** Slots in the chart palette (`--sl-chart-1` … `--sl-chart-8`); more groups reuse them in turn. */
export const PALETTE_SIZE = 8

/** A group's colour as a CSS variable, so light, dark and an app's own theme apply to charts too. */
export function seriesColor(group: Pick<ChartGroup, 'colorIndex'>): string {
  return group.colorIndex < 0 ? 'var(--sl-chart-other)' : `var(--sl-chart-${(group.colorIndex % PALETTE_SIZE) + 1})`
}
