import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { ExperimentList } from './experiment-list'
import { experimentListFixture } from './test-utils/fixtures'

describe('ExperimentList', () => {
  it('shows status, progress, means with what is missing, latency and cost; radios pick base and candidate', async () => {
    const onBaseChange = vi.fn()
    const onCandidateChange = vi.fn()
    const { container } = render(
      <ExperimentList experiments={experimentListFixture} onBaseChange={onBaseChange} onCandidateChange={onCandidateChange} />,
    )
    const rows = within(screen.getByRole('table', { name: 'Experiments' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows[0]).toHaveTextContent('98 / 100 results')
    expect(rows[0]).toHaveTextContent('accuracy 0.82 (3 missing)')
    expect(rows[0]).toHaveTextContent('2.3 s')
    expect(rows[0]).toHaveTextContent('$1.28')
    expect(rows[2]).toHaveTextContent('Running')
    expect(rows[2]).toHaveTextContent('37 / 100 results · 2 errors · 12 evaluations pending')
    expect(within(rows[2]!).getByRole('progressbar')).toHaveAttribute('value', '37')
    fireEvent.click(screen.getByRole('radio', { name: 'Base: gpt-4o-mini, prompt v3' }))
    fireEvent.click(screen.getByRole('radio', { name: 'Candidate: gpt-4.1, prompt v4' }))
    expect(onBaseChange).toHaveBeenCalledWith('exp-base')
    expect(onCandidateChange).toHaveBeenCalledWith('exp-candidate')
    expect(screen.getByText('Comparing gpt-4.1, prompt v4 (candidate) with gpt-4o-mini, prompt v3 (base).')).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
  })

  it('teaches how to run one when there are none, and shows errors with Retry', () => {
    const onRetry = vi.fn()
    const { rerender } = render(<ExperimentList experiments={[]} />)
    expect(screen.getByText(/An experiment runs your task/)).toBeInTheDocument()
    rerender(<ExperimentList error="the view token has expired" onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the experiments: the view token has expired')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})
