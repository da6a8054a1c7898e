import { SightlineError } from '@sightline/core'
import { AnnotationQueue } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { claimedTask, qualityConfig, reviewConfigs, reviewQueue, verdictConfig } from '../packages/react/src/annotation/test-utils/fixtures'

// A fixed clock, so the lease countdown reads the same on every build.
const NOW = Date.parse('2026-11-26T20:00:00.000Z')
const task = claimedTask(0, new Date(NOW + 272_000).toISOString())

const meta = {
  title: 'Annotation/AnnotationQueue',
  component: AnnotationQueue,
  args: {
    state: 'ready',
    queueName: reviewQueue.name,
    configs: reviewConfigs,
    task,
    progress: { done: 14, total: 40 },
    lease: { expiresAt: task.item.leases[0]!.expiresAt },
    now: NOW,
    canGoBack: true,
    onSubmit: fn(),
    onSkip: fn(),
    onBack: fn(),
    onForward: fn(),
    onRetry: fn(),
    // Stories sit beside each other in the docs page: keys go to the focused story only.
    documentShortcuts: false,
  },
} satisfies Meta<typeof AnnotationQueue>

export default meta
type Story = StoryObj<typeof meta>

/** A RAG answer to review: question, answer, retrieved sources and the model call. */
export const RagConversation: Story = { name: 'Item with a RAG conversation' }

export const WithDetails: Story = { name: 'Details open (D)', args: { defaultDetailsOpen: true } }

/** Why the item is in the queue, at its top: the end user's vote, reasons and comment. */
export const EndUserReasons: Story = {
  name: 'End-user reasons and comment',
  args: {
    task: {
      ...task,
      trace: {
        ...task.trace,
        scores: task.trace.scores.map((s) =>
          s.source === 'feedback' ? { ...s, metadata: { reasons: ['made up', 'missing sources'] } } : s,
        ),
      },
    },
  },
}

/** No end-user feedback on the trace (added by hand or by a sampling rule): nothing is shown for it. */
export const NoEndUserFeedback: Story = {
  name: 'No end-user feedback',
  args: { task: { ...task, trace: { ...task.trace, scores: [] } } },
}

/** A required number with no value: a bare track, no thumb, "not set yet". */
export const NumberUnset: Story = { name: 'Required number not set', args: { defaultValues: { [verdictConfig.id]: 'correct' } } }

export const PartlyAnswered: Story = {
  args: { defaultValues: { [verdictConfig.id]: 'hallucinated' } },
}

export const LeaseExpiring: Story = {
  name: 'Lease about to expire',
  args: { lease: { expiresAt: new Date(NOW + 45_000).toISOString() } },
}

export const LeaseRenewing: Story = {
  args: { lease: { expiresAt: new Date(NOW + 20_000).toISOString(), state: 'renewing' } },
}

export const SubmitFailed: Story = {
  name: 'Rolled back: submit failed',
  args: {
    values: { [verdictConfig.id]: 'partly correct', [qualityConfig.id]: 3 },
    submitError: 'Could not save your scores: database is locked. Try again.',
  },
}

export const LeaseLost: Story = {
  name: 'Rolled back: lease lost (409)',
  args: {
    values: { [verdictConfig.id]: 'correct', [qualityConfig.id]: 5 },
    lease: { expiresAt: task.item.leases[0]!.expiresAt, state: 'lost' },
    submitError:
      'This item is no longer yours: your lease ran out and another reviewer has it, or it was already completed. Your scores were not saved.',
    onMoveOn: fn(),
  },
}

export const History: Story = {
  name: 'Reviewed earlier (K)',
  args: {
    task: claimedTask(3),
    values: { [verdictConfig.id]: 'correct', [qualityConfig.id]: 4 },
    history: { index: 3, count: 5, outcome: 'done', status: 'saved' },
    canGoForward: true,
  },
}

export const ShortcutsDialog: Story = { name: 'Shortcuts dialog (?)', args: { defaultShortcutsOpen: true } }

export const Loading: Story = { args: { state: 'loading', task: null } }

export const Empty: Story = { args: { state: 'empty', task: null, progress: { done: 0, total: 0 }, canGoBack: false } }

export const Finished: Story = {
  args: { state: 'finished', task: null, progress: { done: 40, total: 40 }, summary: { done: 12, skipped: 2 } },
}

export const ErrorState: Story = {
  name: 'Error',
  args: {
    state: 'error',
    task: null,
    progress: null,
    canGoBack: false,
    error: new SightlineError(403, 'forbidden', 'this token may not review queue q-neg'),
  },
}
