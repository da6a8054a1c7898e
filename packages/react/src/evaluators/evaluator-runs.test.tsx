import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { ConnectedEvaluatorRuns } from './connected-evaluator-runs'
import { EvaluatorRuns } from './evaluator-runs'
import { fakeEvaluatorServer } from './test-utils/fake-evaluator-server'
import { evalRunsFixture } from './test-utils/fixtures'

const dataRows = () =>
  within(screen.getByRole('table', { name: 'Runs' }))
    .getAllByRole('row')
    .slice(1)

describe('EvaluatorRuns', () => {
  it('shows status, trace, value, error, attempts, duration, cost and time; opens traces; loads more', async () => {
    const onOpenTrace = vi.fn()
    const onLoadMore = vi.fn()
    const onStatusChange = vi.fn()
    const { container } = render(
      <EvaluatorRuns
        runs={evalRunsFixture}
        hasMore
        onLoadMore={onLoadMore}
        onOpenTrace={onOpenTrace}
        onStatusChange={onStatusChange}
        timeZone="UTC"
        locale="en-US"
      />,
    )
    const rows = dataRows()
    expect(rows).toHaveLength(6)
    expect(rows[2]).toHaveTextContent('Error')
    expect(rows[2]).toHaveTextContent('judge answered with no number (attempt 3 of 3)')
    expect(within(rows[2]!).getAllByRole('cell')[4]).toHaveTextContent('3')
    expect(rows[1]).toHaveTextContent('Done')
    expect(rows[1]).toHaveTextContent('0.4')
    expect(rows[1]).toHaveTextContent('$0.00021')
    expect(rows[5]).toHaveTextContent('Pending')
    expect(rows[5]).toHaveTextContent('due')
    fireEvent.click(within(rows[2]!).getByRole('button', { name: 'trace-00002' }))
    expect(onOpenTrace).toHaveBeenCalledWith(evalRunsFixture[2], expect.anything())
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(onLoadMore).toHaveBeenCalled()
    const filter = screen.getByRole('radiogroup', { name: 'Show runs' })
    expect(within(filter).getByRole('radio', { name: 'All' })).toHaveAttribute('aria-checked', 'true')
    fireEvent.click(within(filter).getByRole('radio', { name: 'Error' }))
    expect(onStatusChange).toHaveBeenCalledWith('error')
    expect(within(filter).getByRole('radio', { name: 'Error' })).toHaveAttribute('aria-checked', 'true')
    expect(await axeViolations(container)).toEqual([])
  })

  it('has loading, empty (per filter) and error states', () => {
    const { rerender } = render(<EvaluatorRuns loading />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading runs…')
    rerender(<EvaluatorRuns runs={[]} status="skipped" />)
    expect(screen.getByText('No skipped runs.')).toBeInTheDocument()
    const onRetry = vi.fn()
    rerender(<EvaluatorRuns error="boom" onRetry={onRetry} />)
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})

describe('ConnectedEvaluatorRuns', () => {
  it('pages with the cursor and filters by status through the client', async () => {
    const server = fakeEvaluatorServer({ runCount: 12 })
    renderWithClient(<ConnectedEvaluatorRuns evaluatorId="ev-helpful" pageSize={5} />, server.fetch)
    await waitFor(() => expect(dataRows()).toHaveLength(5))
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(dataRows()).toHaveLength(10))
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(dataRows()).toHaveLength(12))
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('radio', { name: 'Error' }))
    await waitFor(() => expect(dataRows()).toHaveLength(2))
    expect(server.calls.at(-1)?.path).toBe('/api/v1/evaluators/ev-helpful/runs?status=error&limit=5')
  })
})
