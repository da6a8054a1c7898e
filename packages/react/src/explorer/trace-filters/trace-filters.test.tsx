import type { TraceListQuery } from '@sightline/core'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../../test-utils/axe'
import { pickOption } from '../../test-utils/select'
import { fromDraft, toDraft, toLocalInput } from './filter-draft'
import { TraceFilters } from './trace-filters'
import { traceListQueryFromSearchParams, traceListQueryToSearchParams } from './url-query'

const every: TraceListQuery = {
  from: Date.UTC(2026, 10, 20, 8, 30, 15),
  to: Date.UTC(2026, 10, 27),
  name: 'rag-qa',
  userId: 'user-007',
  sessionId: 'session-1',
  environment: 'production',
  release: '1.6.0',
  version: 'prompt-v7',
  tag: ['beta', 'vip'],
  metadata: { plan: 'enterprise', region: 'eu' },
  model: 'gpt-4o',
  status: 'error',
  minLatencyMs: 500,
  maxLatencyMs: 20_000,
  minCost: 0.001,
  maxCost: 2,
  score: { helpfulness: { min: 0.5, max: 1 }, user_feedback: { value: false }, label: { value: 'spam' } },
  feedback: 'negative',
  q: 'invoice',
  sort: '-latencyMs',
  limit: 100,
}

describe('URL helpers', () => {
  it('round-trips every filter through URL search params, keeping the host’s own params', () => {
    const params = traceListQueryToSearchParams({ ...every, cursor: 'abc' }, '?trace=t1&span=s2&environment=staging')
    expect(params.get('trace')).toBe('t1')
    expect(params.get('span')).toBe('s2')
    expect(params.getAll('environment')).toEqual(['production'])
    expect(params.has('cursor')).toBe(false)
    expect(traceListQueryFromSearchParams(params)).toEqual({ query: every, dropped: [] })
  })

  it('drops invalid params of a hand-edited link instead of failing', () => {
    expect(traceListQueryFromSearchParams('environment=production&minCost=lots&status=maybe&trace=x')).toEqual({
      query: { environment: 'production' },
      dropped: ['status', 'minCost'],
    })
  })
})

describe('filter draft', () => {
  it('round-trips a query through the form fields', () => {
    const { query, errors } = fromDraft(toDraft(every), every)
    expect(errors).toEqual({})
    expect(query).toEqual(every)
  })

  it('reports what cannot be applied', () => {
    const draft = {
      ...toDraft({}),
      minCost: 'cheap',
      metadata: 'plan',
      score: 'x=..',
      from: toLocalInput(Date.UTC(2026, 1, 2)),
      to: toLocalInput(Date.UTC(2026, 1, 1)),
    }
    const { errors } = fromDraft(draft, {})
    expect(Object.keys(errors).sort()).toEqual(['metadata', 'minCost', 'score', 'to'])
  })
})

describe('TraceFilters', () => {
  it('applies text fields on Enter, menus at once (uncontrolled)', async () => {
    const onValueChange = vi.fn()
    const { container } = render(<TraceFilters defaultValue={{ sort: 'cost' }} onValueChange={onValueChange} />)
    expect(screen.getByRole('search', { name: 'Trace filters' })).toBeInTheDocument()
    fireEvent.change(screen.getByLabelText('Environment'), { target: { value: ' production ' } })
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'refund' } })
    expect(onValueChange).not.toHaveBeenCalled()
    fireEvent.submit(screen.getByRole('search'))
    expect(onValueChange).toHaveBeenLastCalledWith({ sort: 'cost', environment: 'production', q: 'refund' })
    const status = screen.getByRole('combobox', { name: 'Status' })
    expect(status).toHaveTextContent('Any')
    pickOption(status, 'Error')
    expect(onValueChange).toHaveBeenLastCalledWith({ sort: 'cost', environment: 'production', q: 'refund', status: 'error' })
    expect(status).toHaveTextContent('Error')
    expect(screen.getByText('3 filters applied')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }))
    expect(onValueChange).toHaveBeenLastCalledWith({ sort: 'cost' })
    expect(screen.getByLabelText('Environment')).toHaveValue('')
    expect(status).toHaveTextContent('Any')
    expect(await axeViolations(container)).toEqual([])
  })

  it('opens the more-filters section as a disclosure and refuses invalid input', async () => {
    const onValueChange = vi.fn()
    const { container } = render(<TraceFilters onValueChange={onValueChange} />)
    const more = screen.getByRole('button', { name: 'More filters' })
    expect(more).toHaveAttribute('aria-expanded', 'false')
    fireEvent.click(more)
    expect(more).toHaveAttribute('aria-expanded', 'true')
    fireEvent.change(screen.getByLabelText('Cost from ($)'), { target: { value: 'cheap' } })
    fireEvent.submit(screen.getByRole('search'))
    expect(onValueChange).not.toHaveBeenCalled()
    expect(screen.getByLabelText('Cost from ($)')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByRole('alert')).toHaveTextContent('Not applied')
    fireEvent.change(screen.getByLabelText('Cost from ($)'), { target: { value: '0.5' } })
    fireEvent.change(screen.getByLabelText('Metadata'), { target: { value: 'plan=pro' } })
    fireEvent.change(screen.getByLabelText('Scores'), { target: { value: 'helpfulness=0.5..' } })
    fireEvent.submit(screen.getByRole('search'))
    expect(onValueChange).toHaveBeenLastCalledWith({ minCost: 0.5, metadata: { plan: 'pro' }, score: { helpfulness: { min: 0.5 } } })
    expect(await axeViolations(container)).toEqual([])
  })

  it('applies typed text once, a moment after typing stops, and offers suggestions as fields are used', () => {
    vi.useFakeTimers()
    try {
      const onValueChange = vi.fn()
      const onFieldInput = vi.fn()
      render(
        <TraceFilters
          onValueChange={onValueChange}
          onFieldInput={onFieldInput}
          options={{ environment: ['production', 'staging'] }}
          applyDelay={300}
        />,
      )
      const environment = screen.getByLabelText('Environment')
      expect(environment).toHaveAttribute('list')
      expect(
        [...document.querySelectorAll(`#${CSS.escape(environment.getAttribute('list')!)} option`)].map((o) => o.getAttribute('value')),
      ).toEqual(['production', 'staging'])
      fireEvent.focus(environment)
      expect(onFieldInput).toHaveBeenLastCalledWith('environment', '')
      for (const text of ['p', 'pr', 'prod']) {
        fireEvent.change(environment, { target: { value: text } })
        act(() => vi.advanceTimersByTime(200))
      }
      expect(onFieldInput).toHaveBeenLastCalledWith('environment', 'prod')
      expect(onValueChange).not.toHaveBeenCalled()
      act(() => vi.advanceTimersByTime(100))
      expect(onValueChange).toHaveBeenCalledTimes(1)
      expect(onValueChange).toHaveBeenLastCalledWith({ environment: 'prod' })
      // Clear drops what is still pending.
      fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'refund' } })
      fireEvent.click(screen.getByRole('button', { name: 'Clear' }))
      act(() => vi.advanceTimersByTime(1000))
      expect(onValueChange).toHaveBeenLastCalledWith({})
      expect(onValueChange).toHaveBeenCalledTimes(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('follows a controlled value (a URL) and survives a round trip through it', () => {
    function Host() {
      const [url, setUrl] = useState('?environment=staging&tag=beta&trace=t1')
      return (
        <>
          <TraceFilters
            value={traceListQueryFromSearchParams(url).query}
            onValueChange={(q) => setUrl(`?${traceListQueryToSearchParams(q, url)}`)}
          />
          <output data-testid="url">{url}</output>
          <button type="button" onClick={() => setUrl('?environment=production')}>
            Back
          </button>
        </>
      )
    }
    render(<Host />)
    expect(screen.getByLabelText('Environment')).toHaveValue('staging')
    expect(screen.getByRole('button', { name: 'More filters' })).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getByLabelText('Tags (all of)')).toHaveValue('beta')
    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'ada' } })
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }))
    expect(screen.getByTestId('url')).toHaveTextContent('?trace=t1&userId=ada&environment=staging&tag=beta')
    const feedback = screen.getByRole('combobox', { name: 'Feedback' })
    pickOption(feedback, 'Negative')
    expect(screen.getByTestId('url').textContent).toContain('feedback=negative')
    expect(feedback).toHaveTextContent('Negative')
    fireEvent.click(screen.getByRole('button', { name: 'Back' }))
    expect(screen.getByLabelText('Environment')).toHaveValue('production')
    expect(screen.getByLabelText('User')).toHaveValue('')
    expect(feedback).toHaveTextContent('Any')
  })
})
