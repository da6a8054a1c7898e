import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { allTypeConfigs, confidenceConfig, groundedConfig, noteConfig, qualityConfig, verdictConfig } from './test-utils/fixtures'
import { ScoreForm } from './score-form'

function renderForm(onSubmit = vi.fn()) {
  const utils = render(
    <ScoreForm configs={allTypeConfigs} onSubmit={onSubmit} aria-label="Scores">
      <button type="submit">Submit</button>
    </ScoreForm>,
  )
  return { ...utils, onSubmit }
}

describe('ScoreForm', () => {
  it('generates a field per data type, each with its description', async () => {
    const { container } = renderForm()
    // categorical: option buttons with radio semantics
    const verdict = screen.getByRole('radiogroup', { name: 'verdict' })
    expect(verdict).toHaveAccessibleDescription('Is the answer supported by the sources?')
    expect(screen.getAllByRole('radio').map((r) => r.textContent)).toEqual(['1correct', '2partly correct', '3hallucinated'])
    // numeric: a number input within min/max/step (and a mouse-only slider beside it)
    const quality = screen.getByRole('spinbutton', { name: 'quality' })
    expect(quality).toHaveAttribute('min', '1')
    expect(quality).toHaveAttribute('max', '5')
    expect(quality).toHaveAttribute('step', '1')
    expect(quality).toHaveAccessibleDescription('Overall, 1 (bad) to 5 (great)')
    expect(container.querySelector('input[type=range][aria-hidden=true][tabindex="-1"]')).not.toBeNull()
    // boolean: two toggle buttons
    const grounded = screen.getByRole('group', { name: 'grounded' })
    expect(grounded).toHaveAccessibleDescription('Does every claim cite a source?')
    const yes = screen.getByRole('button', { name: 'Yes' })
    const no = screen.getByRole('button', { name: 'No' })
    expect(yes).toHaveAttribute('aria-pressed', 'false')
    fireEvent.click(yes)
    expect(yes).toHaveAttribute('aria-pressed', 'true')
    expect(yes).toHaveAttribute('data-state', 'on')
    // One answer at a time; pressing the chosen one again takes the answer back.
    fireEvent.click(no)
    expect([yes, no].map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true'])
    fireEvent.click(no)
    expect([yes, no].map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'false'])
    // text: an optional textarea
    expect(screen.getByRole('textbox', { name: 'note (optional)' })).toHaveAccessibleDescription('What should change?')
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows a value outside min/max while typing, and required answers on submit', async () => {
    const { container, onSubmit } = renderForm()
    const quality = screen.getByRole('spinbutton', { name: 'quality' })
    fireEvent.change(quality, { target: { value: '7' } })
    expect(quality).toHaveAttribute('aria-invalid', 'true')
    expect(quality).toHaveAccessibleDescription('Overall, 1 (bad) to 5 (great) quality is at most 5')

    fireEvent.click(screen.getByRole('button', { name: 'Submit' }))
    expect(onSubmit).not.toHaveBeenCalled()
    expect(screen.getByText('Pick a verdict')).toBeInTheDocument()
    expect(screen.getByText('Answer grounded: yes or no')).toBeInTheDocument()
    expect(screen.getByText('Give confidence a value')).toBeInTheDocument()
    // Focus goes to the first field at fault.
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'correct' }))
    expect(await axeViolations(container)).toEqual([])

    // Arrows move through the options and pick.
    fireEvent.keyDown(screen.getByRole('radio', { name: 'correct' }), { key: 'ArrowRight' })
    expect(screen.getByRole('radio', { name: 'correct' })).toHaveAttribute('aria-checked', 'true')
    fireEvent.keyDown(screen.getByRole('radio', { name: 'correct' }), { key: 'ArrowRight' })
    expect(screen.getByRole('radio', { name: 'partly correct' })).toHaveAttribute('aria-checked', 'true')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'partly correct' }))

    fireEvent.change(quality, { target: { value: '4' } })
    fireEvent.click(screen.getByRole('button', { name: 'No' }))
    fireEvent.change(screen.getByRole('spinbutton', { name: 'confidence' }), { target: { value: '0.3' } })
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }))
    expect(screen.getByText('confidence moves in steps of 0.25')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()

    fireEvent.change(screen.getByRole('spinbutton', { name: 'confidence' }), { target: { value: '0.75' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'note (optional)' }), { target: { value: 'Cite the billing doc.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }))
    expect(onSubmit).toHaveBeenCalledWith(
      {
        [verdictConfig.id]: 'partly correct',
        [qualityConfig.id]: 4,
        [groundedConfig.id]: false,
        [confidenceConfig.id]: 0.75,
        [noteConfig.id]: 'Cite the billing doc.',
      },
      expect.anything(),
    )
  })

  it('shows server messages until the field changes, and nothing changes when read-only', () => {
    const onValueChange = vi.fn()
    const { rerender } = render(
      <ScoreForm
        configs={[qualityConfig]}
        defaultValue={{ [qualityConfig.id]: 5 }}
        errors={{ [qualityConfig.id]: 'quality is at most 4 here' }}
        aria-label="Scores"
      />,
    )
    const quality = screen.getByRole('spinbutton', { name: 'quality' })
    expect(screen.getByText('quality is at most 4 here')).toBeInTheDocument()
    fireEvent.change(quality, { target: { value: '3' } })
    expect(screen.queryByText('quality is at most 4 here')).toBeNull()

    rerender(
      <ScoreForm
        configs={[verdictConfig]}
        value={{ [verdictConfig.id]: 'correct' }}
        onValueChange={onValueChange}
        readOnly
        aria-label="Scores"
      />,
    )
    fireEvent.click(screen.getByRole('radio', { name: 'hallucinated' }))
    expect(onValueChange).not.toHaveBeenCalled()
    expect(screen.getByRole('radio', { name: 'correct' })).toHaveAttribute('aria-checked', 'true')
  })
})
