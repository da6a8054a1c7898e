import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { ConnectedEvaluatorAgreement } from './connected-evaluator-agreement'
import { EvaluatorAgreement } from './evaluator-agreement'
import { fakeEvaluatorServer } from './test-utils/fake-evaluator-server'
import {
  categoricalAgreementFixture,
  emptyAgreementFixture,
  numericAgreementFixture,
  weakBooleanAgreementFixture,
} from './test-utils/fixtures'

describe('EvaluatorAgreement', () => {
  it('draws the confusion matrix with headers on both axes, shaded by count, with agreement, κ and n', async () => {
    const { container } = render(<EvaluatorAgreement agreement={categoricalAgreementFixture} humanScoreName="correctness" />)
    const table = screen.getByRole('table', { name: /Confusion matrix/ })
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent)
    expect(headers).toEqual(['Reviewer: correct', 'Reviewer: partial', 'Reviewer: wrong'])
    const rows = within(table).getAllByRole('row').slice(1)
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent('Evaluator: partial')
    const cells = within(rows[1]!).getAllByRole('cell')
    expect(cells.map((c) => c.firstChild?.textContent)).toEqual(['10', '20', '6'])
    // The largest count is fully shaded; others by their share of it.
    expect(within(rows[0]!).getAllByRole('cell')[0]!.style.getPropertyValue('--sl-heat')).toBe('100%')
    expect(cells[1]!.style.getPropertyValue('--sl-heat')).toBe('40%')
    expect(cells[1]).toHaveAttribute('data-diagonal')
    expect(container.querySelector('dl')).toHaveTextContent("Agreement70 %Cohen's κ0.52Pairs (n)120")
    expect(screen.getByText(/moderate agreement/i)).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
  })

  it('reads a weak κ as a warning, notes few pairs, and shows numeric figures', () => {
    const { rerender } = render(<EvaluatorAgreement agreement={weakBooleanAgreementFixture} humanScoreName="helpful" />)
    expect(screen.getByText(/Weak agreement — don't trust this judge alone/)).toHaveAttribute('data-level', 'weak')
    expect(screen.queryByText(/With only/)).not.toBeInTheDocument()
    rerender(<EvaluatorAgreement agreement={{ ...weakBooleanAgreementFixture, n: 12 }} humanScoreName="helpful" />)
    expect(screen.getByText(/With only 12 pairs, this can still change a lot/)).toBeInTheDocument()
    rerender(<EvaluatorAgreement agreement={numericAgreementFixture} humanScoreName="helpfulness" />)
    expect(screen.getByText('Pearson r').nextSibling).toHaveTextContent('0.81')
    expect(screen.getByText('Spearman ρ').nextSibling).toHaveTextContent('0.77')
    expect(screen.getByText('Mean abs. error').nextSibling).toHaveTextContent('0.120')
    expect(screen.getByText('Pairs (n)').nextSibling).toHaveTextContent('86')
    expect(screen.getByText(/Strong relation/)).toBeInTheDocument()
  })

  it('explains n = 0: reviewers must score traces the evaluator scored, through an evaluator queue rule', async () => {
    const { container } = render(<EvaluatorAgreement agreement={emptyAgreementFixture} humanScoreName="helpful" evaluatorId="ev-tone" />)
    expect(screen.getByText(/reviewers have not scored “helpful” on any trace this evaluator scored/)).toBeInTheDocument()
    expect(screen.getByText('{ "kind": "evaluator", "evaluatorId": "ev-tone" }')).toBeInTheDocument()
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
  })

  it('asks for the human score name first, and commits it with Compare', () => {
    const onChange = vi.fn()
    render(<EvaluatorAgreement onHumanScoreNameChange={onChange} humanScoreNames={['correctness', 'helpful']} />)
    expect(screen.getByText(/Name the score your reviewers give/)).toBeInTheDocument()
    fireEvent.change(screen.getByLabelText("Reviewers' score"), { target: { value: ' correctness ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }))
    expect(onChange).toHaveBeenCalledWith('correctness')
  })
})

describe('ConnectedEvaluatorAgreement', () => {
  it('fetches agreement for the named human score', async () => {
    const server = fakeEvaluatorServer()
    renderWithClient(<ConnectedEvaluatorAgreement evaluatorId="ev-helpful" defaultHumanScoreName="correctness" />, server.fetch)
    expect(await screen.findByRole('table', { name: /Confusion matrix/ })).toBeInTheDocument()
    expect(server.calls.at(-1)?.path).toBe('/api/v1/evaluators/ev-helpful/agreement?human=correctness')
  })
})
