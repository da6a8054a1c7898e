import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { AnnotationQueue } from './annotation-queue'
import { claimedTask, reviewConfigs } from './test-utils/fixtures'

describe('AnnotationQueue', () => {
  it('shows what the end user said at the top of the item, without a key press', async () => {
    const task = claimedTask(1)
    task.trace.scores[0]!.metadata = { reasons: ['made up', 'outdated'] }
    const { container } = render(
      <AnnotationQueue state="ready" queueName="Negative feedback" configs={reviewConfigs} task={task} now={0} />,
    )
    const item = screen.getByRole('article', { name: 'Item to review' })
    const why = within(item).getByRole('region', { name: 'What the user said' })
    expect(item.firstElementChild).toBe(why)
    expect(within(why).getByRole('list', { name: 'End-user feedback' })).toHaveTextContent('Not helpful')
    expect(within(why).getByRole('list', { name: 'Reasons' })).toHaveTextContent('made upoutdated')
    expect(why).toHaveTextContent('“It made this up.”')
    expect(screen.queryByRole('region', { name: 'Trace details' })).toBeNull()
    expect(await axeViolations(container)).toEqual([])
  })

  it('says nothing of end users when there is no feedback', () => {
    const task = claimedTask(2)
    task.trace.scores = []
    render(<AnnotationQueue state="ready" configs={reviewConfigs} task={task} now={0} />)
    expect(screen.queryByRole('region', { name: 'What the user said' })).toBeNull()
  })

  it('puts the details in the conversation’s column, never under the form', () => {
    render(<AnnotationQueue state="ready" configs={reviewConfigs} task={claimedTask(1)} defaultDetailsOpen now={0} />)
    const details = screen.getByRole('region', { name: 'Trace details' })
    expect(details).toHaveClass('sl-review__details')
    // The form comes before the details in the document, and the details do not sit inside it.
    const form = screen.getByRole('form', { name: 'Scores' })
    expect(form.contains(details)).toBe(false)
    expect(form.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('leaves a required number without a value visibly unset', () => {
    const { container } = render(<AnnotationQueue state="ready" configs={reviewConfigs} task={claimedTask(1)} now={0} />)
    const slider = container.querySelector('input[type=range]')!
    expect(slider).toHaveAttribute('data-state', 'unset')
    expect(screen.getByRole('spinbutton', { name: 'quality' })).toHaveValue(null)
    expect(slider.closest('.sl-score-field')).toHaveTextContent('not set yet')
  })
})
