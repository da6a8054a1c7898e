import { SightlineError } from '@sightline/core'
import { EvaluatorForm } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { evaluatorKindsFixture, manyKinds, previewResultFixture } from './evaluator-fixtures'

const judge = {
  name: 'Helpfulness judge',
  kind: 'llm-judge',
  config: {
    model: 'gpt-4o-mini',
    prompt: 'Rate how helpful the answer is, 0 to 1.\n\nQuestion: {{input}}\nAnswer: {{output}}',
    output: { dataType: 'numeric' },
  },
  scoreName: 'helpfulness',
  filter: { environment: 'production' },
  sampleRate: 0.25,
}

const meta = {
  title: 'Evaluators/EvaluatorForm',
  component: EvaluatorForm,
  args: { kinds: evaluatorKindsFixture, onSubmit: fn(), onPreview: fn(), onValueChange: fn(), onKindsRetry: fn() },
  render: (args) => (
    <div style={{ maxWidth: 760 }}>
      <EvaluatorForm {...args} />
    </div>
  ),
} satisfies Meta<typeof EvaluatorForm>

export default meta
type Story = StoryObj<typeof meta>

/** A fresh form: pick a kind to see its settings. */
export const Empty: Story = {}

export const Normal: Story = { name: 'LLM judge', args: { defaultValue: judge, defaultPreviewTraceId: 'trace-00042' } }

export const Loading: Story = { name: 'Loading kinds', args: { kinds: undefined, kindsLoading: true } }

export const ErrorState: Story = { name: 'Error loading kinds', args: { kinds: undefined, kindsError: 'the server could not be reached' } }

export const ServerIssues: Story = {
  name: 'Server issues at fields',
  args: {
    defaultValue: { name: 'TODO finder', kind: 'regex', config: { pattern: '(TODO' }, filter: { plan: 'pro' } },
    issues: [
      { path: ['config', 'pattern'], message: 'not a valid regular expression: missing )' },
      { path: ['filter'], message: 'unknown filter "plan": use environment, name, userId, release, tags…' },
    ],
  },
}

export const Saving: Story = { args: { defaultValue: judge, submitting: true } }

export const Previewing: Story = { args: { defaultValue: judge, defaultPreviewTraceId: 'trace-00042', previewing: true } }

export const PreviewResult: Story = {
  name: 'Preview with reasoning',
  args: { defaultValue: judge, defaultPreviewTraceId: 'trace-00042', previewResult: previewResultFixture },
}

export const PreviewFailed: Story = {
  name: 'Preview failed',
  args: {
    defaultValue: judge,
    defaultPreviewTraceId: 'trace-00042',
    previewError: new SightlineError(502, 'upstream_failed', 'the judge model answered 401: invalid API key'),
  },
}

export const Huge: Story = {
  name: 'Huge (many kinds, long prompt)',
  args: {
    kinds: manyKinds,
    defaultValue: { ...judge, config: { ...judge.config, prompt: `${'You are a strict grader. '.repeat(80)}\n\n{{output}}` } },
    defaultPreviewTraceId: 'trace-00042',
    previewResult: { ...previewResultFixture, comment: 'The answer is mostly right. '.repeat(60) },
  },
}
