import { SightlineError, type EvaluatorInput } from '@sightline/core'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { ConnectedEvaluatorForm } from './connected-evaluator-form'
import { EvaluatorForm } from './evaluator-form'
import { fakeEvaluatorServer } from './test-utils/fake-evaluator-server'
import { evaluatorKindsFixture, previewResultFixture } from './test-utils/fixtures'

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

describe('EvaluatorForm', () => {
  it("renders a kind's config fields by type and submits the nested config", async () => {
    const onSubmit = vi.fn()
    const { container } = render(<EvaluatorForm kinds={evaluatorKindsFixture} onSubmit={onSubmit} />)
    // No settings before a kind is picked.
    expect(screen.queryByRole('group', { name: /settings/ })).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('radio', { name: 'LLM judge' }))
    const settings = screen.getByRole('group', { name: 'LLM judge settings' })
    expect(within(settings).getByLabelText('Model')).toHaveValue('gpt-4o-mini')
    expect(within(settings).getByLabelText('Prompt').tagName).toBe('TEXTAREA')
    expect(within(settings).getByRole('combobox', { name: 'Verdict type' })).toHaveTextContent('numeric')
    expect(within(settings).getByLabelText(/Categories/).tagName).toBe('TEXTAREA')
    expect(within(settings).getByLabelText(/Model parameters/).tagName).toBe('TEXTAREA')

    type('Name', 'Helpfulness')
    type('Prompt', 'Rate {{output}}')
    pickOption(within(settings).getByRole('combobox', { name: 'Verdict type' }), 'categorical')
    type(/Categories/, 'good, bad')
    type(/Model parameters/, '{"temperature": 0}')
    type(/Only traces matching/, 'environment=production\ntags=vip\ntags=beta')
    type('Sample rate', '0.5')
    fireEvent.click(screen.getByRole('radio', { name: /Each generation/ }))
    expect(await axeViolations(container)).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Save evaluator' }))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      name: 'Helpfulness',
      kind: 'llm-judge',
      config: {
        model: 'gpt-4o-mini',
        prompt: 'Rate {{output}}',
        output: { dataType: 'categorical', categories: ['good', 'bad'] },
        modelParameters: { temperature: 0 },
      },
      filter: { environment: 'production', tags: ['vip', 'beta'] },
      sampleRate: 0.5,
      target: 'generation',
    } satisfies EvaluatorInput)
  })

  it('blocks saving on missing required settings and JSON that does not parse', async () => {
    const onSubmit = vi.fn()
    render(
      <EvaluatorForm
        kinds={evaluatorKindsFixture}
        defaultValue={{ name: 'Judge', kind: 'llm-judge', config: { model: 'm' } }}
        onSubmit={onSubmit}
      />,
    )
    type(/Model parameters/, '{"temperature": ')
    expect(screen.getByLabelText(/Model parameters/)).toHaveAccessibleDescription(/Not valid JSON/)
    fireEvent.click(screen.getByRole('button', { name: 'Save evaluator' }))
    expect(onSubmit).not.toHaveBeenCalled()
    expect(screen.getByLabelText('Prompt')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Prompt')).toHaveAccessibleDescription(/Prompt is required/)
  })

  it("shows the server's issues at their fields until the field changes", () => {
    const issues = [
      { path: ['config', 'pattern'], message: 'not a valid regular expression' },
      { path: ['filter'], message: 'unknown filter "plan"' },
      { path: ['somethingElse'], message: 'nope' },
    ]
    render(
      <EvaluatorForm
        kinds={evaluatorKindsFixture}
        defaultValue={{ name: 'Regex', kind: 'regex', config: { pattern: '(' }, filter: { plan: 'pro' } }}
        issues={issues}
      />,
    )
    expect(screen.getByLabelText('Pattern')).toHaveAccessibleDescription(/not a valid regular expression/)
    expect(screen.getByLabelText(/Only traces matching/)).toHaveValue('plan=pro')
    expect(screen.getByLabelText(/Only traces matching/)).toHaveAccessibleDescription(/unknown filter "plan"/)
    expect(screen.getByRole('alert')).toHaveTextContent('somethingElse: nope')
    type('Pattern', '\\d+')
    expect(screen.getByLabelText('Pattern')).not.toHaveAttribute('aria-invalid')
  })

  it("previews on a trace and shows the value, the judge's reasoning, duration and cost", async () => {
    const onPreview = vi.fn()
    const value: EvaluatorInput = { name: 'Judge', kind: 'llm-judge', config: { model: 'm', prompt: 'p', output: { dataType: 'numeric' } } }
    const { rerender, container } = render(<EvaluatorForm kinds={evaluatorKindsFixture} value={value} onPreview={onPreview} />)
    const tryButton = screen.getByRole('button', { name: 'Try on this trace' })
    type('Trace id', 'trace-00042')
    fireEvent.click(tryButton)
    expect(onPreview).toHaveBeenCalledWith({ traceId: 'trace-00042' }, value)
    rerender(<EvaluatorForm kinds={evaluatorKindsFixture} value={value} onPreview={onPreview} previewResult={previewResultFixture} />)
    const preview = screen.getByRole('region', { name: 'Preview' })
    expect(within(preview).getByText('0.8')).toBeInTheDocument()
    expect(within(preview).getByRole('figure', { name: 'Reasoning' })).toHaveTextContent(previewResultFixture.comment!)
    expect(preview).toHaveTextContent('1.5 s')
    expect(preview).toHaveTextContent('912 in · 58 out')
    expect(preview).toHaveTextContent('$0.00019')
    expect(await axeViolations(container)).toEqual([])
    rerender(
      <EvaluatorForm
        kinds={evaluatorKindsFixture}
        value={value}
        onPreview={onPreview}
        previewError={new SightlineError(502, 'upstream_failed', 'the judge model answered 401')}
      />,
    )
    expect(within(preview).getByRole('alert')).toHaveTextContent('Preview failed: the judge model answered 401')
  })
})

describe('ConnectedEvaluatorForm', () => {
  it('creates through the client, showing server issues at fields and previewing', async () => {
    const server = fakeEvaluatorServer()
    const onSaved = vi.fn()
    renderWithClient(<ConnectedEvaluatorForm onSaved={onSaved} />, server.fetch)
    fireEvent.click(await screen.findByRole('radio', { name: 'Regular expression' }))
    type('Name', 'TODO finder')
    type('Pattern', '(')
    fireEvent.click(screen.getByRole('button', { name: 'Create evaluator' }))
    await waitFor(() => expect(screen.getByLabelText('Pattern')).toHaveAccessibleDescription(/not a valid regular expression/))
    type('Pattern', 'TODO')
    type('Trace id', 'trace-7')
    fireEvent.click(screen.getByRole('button', { name: 'Try on this trace' }))
    expect(await screen.findByRole('figure', { name: 'Reasoning' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Create evaluator' }))
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ name: 'TODO finder', kind: 'regex' })))
    expect(server.calls.find((c) => c.path === '/api/v1/evaluators/preview')?.body).toEqual({
      evaluator: { name: 'TODO finder', kind: 'regex', config: { pattern: 'TODO' } },
      traceId: 'trace-7',
    })
  })
})
