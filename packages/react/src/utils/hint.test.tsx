import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { Hint, HintProvider } from './hint'

/** The pointer resting on an element, as a mouse moves onto it. */
const hover = (el: Element) => fireEvent.pointerMove(el, { pointerType: 'mouse' })

describe('Hint', () => {
  it('shows on keyboard focus, inside the panel root, describes its trigger, and hides on Escape', async () => {
    const { container } = render(
      <div className="sl-root" data-sl-theme="dark">
        <Hint text="Show traces: staging">
          <button type="button" aria-label="Show traces: staging">
            ↗
          </button>
        </Hint>
      </div>,
    )
    const button = screen.getByRole('button', { name: 'Show traces: staging' })
    expect(screen.queryByRole('tooltip')).toBeNull()
    act(() => button.focus())
    const tooltip = await screen.findByRole('tooltip')
    expect(tooltip).toHaveTextContent('Show traces: staging')
    // Portalled into the .sl-root around it, so the theme set there applies.
    expect(tooltip.closest('[data-sl-theme="dark"]')).toBe(container.firstChild)
    expect(button.getAttribute('aria-describedby')).toBe(tooltip.id)
    expect(await axeViolations(container)).toEqual([])

    fireEvent.keyDown(button, { key: 'Escape' })
    expect(screen.queryByRole('tooltip')).toBeNull()
    expect(button).not.toHaveAttribute('aria-describedby')
    expect(document.activeElement).toBe(button)
  })

  it('shows on hover over an element that takes no focus, under a shared provider', async () => {
    render(
      <HintProvider>
        <Hint text="Its parent span is not in the trace">
          <span>Orphan</span>
        </Hint>
        <Hint text="1 failed span">
          <span>Error</span>
        </Hint>
      </HintProvider>,
    )
    hover(screen.getByText('Orphan'))
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Its parent span is not in the trace')
    // Once one is shown, the next opens at once, and only one is shown at a time.
    hover(screen.getByText('Error'))
    expect(screen.getAllByRole('tooltip').map((t) => t.textContent)).toEqual(['1 failed span'])
  })

  it('can also be the trigger’s accessible description while closed', () => {
    render(
      <Hint text="Show traces: staging" describe>
        <button type="button">staging</button>
      </Hint>,
    )
    expect(screen.getByRole('button', { name: 'staging' })).toHaveAccessibleDescription('Show traces: staging')
  })
})
