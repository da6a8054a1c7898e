import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { Sparkline } from './sparkline'

describe('Sparkline', () => {
  it('joins the values on either side of an empty bucket with a faint dashed bridge, not a made-up value', async () => {
    const { container } = render(<Sparkline values={[4, 8, null, 2, 6]} width={40} height={10} />)
    const line = container.querySelector('path.sl-sparkline__line')!
    const gap = container.querySelector('path.sl-sparkline__gap')!
    // The line lifts its pen over the gap: two runs, no point where the bucket is empty.
    expect(line.getAttribute('d')!.match(/M/g)).toHaveLength(2)
    expect(gap).toHaveAttribute('stroke-dasharray')
    expect(Number(gap.getAttribute('stroke-opacity'))).toBeLessThan(1)
    expect(gap.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/)
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true')
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows a point between two gaps as a dot, so a sparse series never vanishes', () => {
    const { container } = render(<Sparkline values={[1, null, 3, null, null, 2, 5]} width={60} height={10} />)
    // 1 and 3 stand alone; 2–5 is a run ending in the last-point marker.
    expect(container.querySelectorAll('circle.sl-sparkline__dot')).toHaveLength(2)
    expect(container.querySelectorAll('circle.sl-sparkline__last')).toHaveLength(1)
    expect(container.querySelector('path.sl-sparkline__gap')!.getAttribute('d')!.match(/M/g)).toHaveLength(2)
  })

  it('draws no bridge without a gap, and nothing without values', () => {
    const { container, rerender } = render(<Sparkline values={[1, 2, 3]} />)
    expect(container.querySelector('path.sl-sparkline__gap')).toBeNull()
    expect(container.querySelectorAll('circle.sl-sparkline__dot')).toHaveLength(0)
    rerender(<Sparkline values={[null, null]} />)
    expect(container.querySelector('path')).toBeNull()
    expect(container.querySelector('circle')).toBeNull()
  })
})
