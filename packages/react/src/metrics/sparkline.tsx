import { prepareSparkline } from '@sightline/core'

export interface SparklineProps {
  values: readonly (number | null)[]
  width?: number | undefined
  height?: number | undefined
  color?: string | undefined
  className?: string | undefined
}

/**
 * A tiny trend line (inline SVG, no chart library). An empty bucket lifts the pen; a faint dashed
 * bridge joins the values on either side so the line stays readable without claiming a value for
 * the gap. A point between gaps gets a dot, and so does the last point.
 */
export function Sparkline({ values, width = 96, height = 24, color = 'var(--sl-chart-1)', className }: SparklineProps) {
  const { path, gaps, dots, last } = prepareSparkline(values, { width, height })
  return (
    <svg
      className={className ?? 'sl-sparkline'}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
      data-gaps={gaps ? 'true' : undefined}
    >
      {gaps && (
        <path className="sl-sparkline__gap" d={gaps} fill="none" stroke={color} strokeWidth={1} strokeDasharray="2 2" strokeOpacity={0.5} />
      )}
      {path && (
        <path
          className="sl-sparkline__line"
          d={path}
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
      {dots.map((d) => (
        <circle key={`${d.x}`} className="sl-sparkline__dot" cx={d.x} cy={d.y} r={1.5} fill={color} />
      ))}
      {last && <circle className="sl-sparkline__last" cx={last.x} cy={last.y} r={2} fill={color} />}
    </svg>
  )
}
