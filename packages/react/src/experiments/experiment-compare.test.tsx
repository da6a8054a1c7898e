import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { ConnectedExperimentCompare } from './connected-experiment-compare'
import { ExperimentCompare } from './experiment-compare'
import { fakeExperimentServer } from './test-utils/fake-experiment-server'
import { compareItemsFixture, experimentCompareFixture } from './test-utils/fixtures'

describe('ExperimentCompare', () => {
  it('reads each score out, draws its interval on the right side of 0 and never hides what is missing', async () => {
    const { container } = render(<ExperimentCompare compare={experimentCompareFixture} items={compareItemsFixture} />)
    const readings = within(screen.getByRole('list', { name: 'Reading' })).getAllByRole('listitem')
    expect(readings.map((r) => r.textContent)).toEqual([
      'Candidate is better on accuracy (+0.08, 95 % CI +0.03…+0.13).',
      'No detectable difference on helpfulness (\u22120.01, 95 % CI \u22120.04…+0.02).',
      'Candidate is worse on tone (\u22120.12, 95 % CI \u22120.20…\u22120.04).',
      'Candidate is worse on latency (+470 ms, 95 % CI +310 ms…+630 ms).',
      'Candidate is worse on cost (+$0.0087, 95 % CI +$0.0080…+$0.0094).',
    ])
    const table = screen.getByRole('table')
    const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr')!
    const bar = (name: string) => within(row(name)).getByRole('img')
    expect(bar('accuracy')).toHaveAttribute('data-side', 'above')
    expect(bar('accuracy')).toHaveAttribute('data-verdict', 'better')
    expect(bar('accuracy')).toHaveAccessibleName('95 % interval +0.03 to +0.13, entirely above 0')
    expect(bar('helpfulness')).toHaveAttribute('data-side', 'across')
    expect(bar('tone')).toHaveAttribute('data-side', 'below')
    expect(bar('latency')).toHaveAttribute('data-verdict', 'worse')
    expect(row('accuracy')).toHaveTextContent('3 items missing on the candidate side')
    expect(row('tone')).toHaveTextContent('2 items missing on the base side')
    expect(row('helpfulness')).toHaveTextContent('No items missing on either side')
    expect(row('accuracy')).toHaveTextContent('p = 0.002')
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows both sides of an item with a word diff, every repetition, errors and score means', () => {
    render(<ExperimentCompare compare={experimentCompareFixture} items={compareItemsFixture} />)
    const first = screen.getByRole('article', { name: 'Item item-1' })
    const base = within(first).getByRole('group', { name: /^Base:/ })
    const candidate = within(first).getByRole('group', { name: /^Candidate:/ })
    expect(within(base).getAllByRole('listitem')).toHaveLength(2)
    // Each side reads whole; only the words the other side lacks are marked.
    const [baseRun] = within(base).getAllByRole('listitem')
    const [candidateRun] = within(candidate).getAllByRole('listitem')
    expect(baseRun).toHaveTextContent('Run 1Go to Settings and click the reset link.')
    expect(candidateRun).toHaveTextContent('Run 1Open Settings → Security and choose Reset password.')
    expect([...baseRun!.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['Go to ', 'click the reset link.'])
    expect([...candidateRun!.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['Open ', '→ Security ', 'choose Reset password.'])
    expect(base).toHaveTextContent('accuracy0.50')
    expect(candidate).toHaveTextContent('accuracy1.00')
    const third = screen.getByRole('article', { name: 'Item item-3' })
    expect(third).toHaveTextContent('rate limited by the provider (429)')
    expect(third).toHaveTextContent('Missing')
  })

  it('teaches when nothing is picked, and shows a failed comparison with Retry', () => {
    const { rerender } = render(<ExperimentCompare />)
    expect(screen.getByText(/Pick two experiments on the same dataset/)).toBeInTheDocument()
    rerender(<ExperimentCompare error="experiment exp-x not found" onRetry={() => {}} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not compare the experiments: experiment exp-x not found')
  })
})

describe('ConnectedExperimentCompare', () => {
  it('"Regressions only" asks the server for change=regressed', async () => {
    const server = fakeExperimentServer()
    renderWithClient(<ConnectedExperimentCompare base="exp-base" candidate="exp-candidate" />, server.fetch)
    await screen.findByRole('article', { name: 'Item item-1' })
    fireEvent.click(screen.getByRole('checkbox', { name: 'Regressions only' }))
    await waitFor(() => expect(screen.getAllByRole('article').map((a) => a.getAttribute('data-change'))).toEqual(['regressed']))
    const itemCalls = server.calls.filter((c) => c.path.startsWith('/api/v1/experiments/compare/items'))
    expect(new URL(itemCalls.at(-1)!.path, 'http://x').searchParams.get('change')).toBe('regressed')
    expect(new URL(itemCalls[0]!.path, 'http://x').searchParams.get('change')).toBeNull()
    // The score picker judges the items by another score.
    pickOption(screen.getByRole('combobox', { name: 'Judged by' }), 'tone')
    await waitFor(() => {
      const last = server.calls.filter((c) => c.path.startsWith('/api/v1/experiments/compare/items')).at(-1)!
      expect(Object.fromEntries(new URL(last.path, 'http://x').searchParams)).toMatchObject({ score: 'tone', change: 'regressed' })
    })
  })
})
