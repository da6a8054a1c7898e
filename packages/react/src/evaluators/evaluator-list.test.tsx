import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { ConnectedEvaluatorList } from './connected-evaluator-list'
import { EvaluatorList } from './evaluator-list'
import { fakeEvaluatorServer } from './test-utils/fake-evaluator-server'
import { evaluatorKindsFixture, evaluatorListFixture } from './test-utils/fixtures'

describe('EvaluatorList', () => {
  it('lists evaluators with kind, status, sampling and figures; a paused one says why and resumes', async () => {
    const onSelect = vi.fn()
    const onResume = vi.fn()
    const { container } = render(
      <EvaluatorList
        evaluators={evaluatorListFixture}
        kinds={evaluatorKindsFixture}
        selectedId="ev-refusal"
        onSelect={onSelect}
        onResume={onResume}
      />,
    )
    const table = screen.getByRole('table', { name: 'Evaluators' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('rowheader')[0]!.textContent)).toEqual([
      'Helpfulness judge → helpfulness',
      'Refusal check → refusal',
      'Tone judge → helpfulness',
      'Old regex → helpfulness',
    ])
    expect(rows[0]).toHaveTextContent('LLM judge')
    expect(rows[0]).toHaveTextContent('Active')
    expect(rows[0]).toHaveTextContent('25 %')
    expect(rows[0]).toHaveTextContent('1,204')
    expect(rows[0]).toHaveTextContent('1.8 s')
    expect(rows[0]).toHaveTextContent('$0.42')
    expect(rows[1]).toHaveAttribute('aria-current', 'true')
    expect(rows[2]).toHaveTextContent('Paused')
    expect(rows[2]).toHaveTextContent('the judge failed 20 times in a row: 401 from the model provider')
    expect(rows[3]).toHaveTextContent('Off')
    // Only the paused one can be resumed.
    expect(screen.getAllByRole('button', { name: /^Resume/ })).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Resume Tone judge' }))
    expect(onResume).toHaveBeenCalledWith(evaluatorListFixture[2], expect.anything())
    fireEvent.click(screen.getByRole('button', { name: 'Helpfulness judge' }))
    expect(onSelect).toHaveBeenCalledWith(evaluatorListFixture[0], expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })

  it('leaves out the figure columns when the list came without them', () => {
    render(<EvaluatorList evaluators={evaluatorListFixture.map((e) => ({ ...e, stats: undefined }))} />)
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['Name', 'Kind', 'Status', 'Sampled'])
  })

  it('teaches in the empty state, and shows errors with Retry', async () => {
    const onCreate = vi.fn()
    const { container, rerender } = render(<EvaluatorList evaluators={[]} onCreate={onCreate} />)
    expect(screen.getByText('No evaluators yet — create one to score traces automatically.')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Create an evaluator' }))
    expect(onCreate).toHaveBeenCalled()
    expect(await axeViolations(container)).toEqual([])
    const onRetry = vi.fn()
    rerender(<EvaluatorList error="the view token has expired" onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the evaluators: the view token has expired')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})

describe('ConnectedEvaluatorList', () => {
  it('loads through the client; Resume patches active: true and the list refetches', async () => {
    const server = fakeEvaluatorServer()
    renderWithClient(<ConnectedEvaluatorList refetchInterval={false} />, server.fetch)
    expect(screen.getByRole('status')).toHaveTextContent('Loading evaluators…')
    fireEvent.click(await screen.findByRole('button', { name: 'Resume Tone judge' }))
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Resume Tone judge' })).not.toBeInTheDocument())
    expect(server.calls.find((c) => c.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/v1/evaluators/ev-tone',
      body: { active: true },
    })
    expect(server.calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/evaluators')).toHaveLength(2)
  })
})
