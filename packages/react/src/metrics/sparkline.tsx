import { prepareSparkline } from '@sightline/core'

export interface SparklineProps {
  values: readonly (number | null)[]
  width?: number | undefined
  height?: number | undefined
  color?: string | undefined
  className?: string | undefined
}

/** A tiny trend line (inline SVG, no chart library): gaps lift the pen, the last point gets a dot. */
export function Sparkline({ values, width = 96, height = 24, color = 'var(--sl-chart-1)', className }: SparklineProps) {
  const { path, last } = prepareSparkline(values, { width, height })
  return (
    <svg
      className={className ?? 'sl-sparkline'}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      {path && <path d={path} fill="none" stroke={color} strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" />}
      {last && <circle cx={last.x} cy={last.y} r={2} fill={color} />}
    </svg>
  )
}
