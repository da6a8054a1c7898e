import type { QueueChoice } from '@sightline/react'
import { AddToQueueButton } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'

const queue = (id: string, name: string, pending: number, archivedAt: string | null = null): QueueChoice => ({
  id,
  name,
  description: null,
  scoreConfigIds: ['helpful'],
  reviewersPerItem: 1,
  leaseSeconds: 300,
  rules: [],
  archivedAt,
  createdAt: '2026-11-20T10:00:00.000Z',
  counts: { pending },
})

const queues = [
  queue('q-neg', 'Negative feedback', 12),
  queue('q-tools', 'Tool failures', 3),
  queue('q-old', 'Last quarter', 0, '2026-10-01T00:00:00.000Z'),
]

const meta = {
  title: 'Annotation/AddToQueueButton',
  component: AddToQueueButton,
  args: {
    traceIds: ['tr-reset-1', 'tr-refund-7', 'tr-sso-2'],
    queues,
    defaultOpen: true,
    onAdd: fn(),
    onQueuesRetry: fn(),
  },
} satisfies Meta<typeof AddToQueueButton>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = {}

export const OneTrace: Story = { name: 'One trace', args: { traceIds: ['tr-reset-1'] } }

export const Loading: Story = { args: { queues: undefined, queuesLoading: true } }

export const Empty: Story = { name: 'Empty (no queues yet)', args: { queues: [] } }

export const ErrorState: Story = { name: 'Error', args: { queues: undefined, queuesError: 'the secret key is needed to manage queues' } }

export const Adding: Story = { args: { adding: true } }

export const Added: Story = { args: { result: { queue: { id: 'q-neg', name: 'Negative feedback' }, added: 2, skipped: 1 } } }

export const AddFailed: Story = { name: 'Add failed', args: { addError: 'queue q-neg not found' } }

export const NoSelection: Story = { name: 'No traces selected', args: { traceIds: [], defaultOpen: false } }

export const Huge: Story = {
  name: 'Huge (200 queues, 5,000 traces)',
  args: {
    queues: Array.from({ length: 200 }, (_, i) => queue(`q-${i}`, `Queue ${i + 1}`, i * 7)),
    traceIds: Array.from({ length: 5000 }, (_, i) => `tr-${i}`),
  },
}
