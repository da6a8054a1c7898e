import { AddToDatasetButton } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { datasetListFixture, makeDatasets } from './experiment-fixtures'

const meta = {
  title: 'Datasets/AddToDatasetButton',
  component: AddToDatasetButton,
  args: {
    traceIds: ['tr-reset-1', 'tr-refund-7', 'tr-sso-2'],
    datasets: datasetListFixture,
    defaultOpen: true,
    onAdd: fn(),
    onDatasetsRetry: fn(),
  },
} satisfies Meta<typeof AddToDatasetButton>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = {}

export const OneTrace: Story = { name: 'One trace', args: { traceIds: ['tr-reset-1'] } }

export const Loading: Story = { args: { datasets: undefined, datasetsLoading: true } }

export const Empty: Story = { name: 'Empty (no datasets yet)', args: { datasets: [] } }

export const ErrorState: Story = {
  name: 'Error',
  args: { datasets: undefined, datasetsError: 'the secret key is needed to change datasets' },
}

export const Adding: Story = { args: { adding: true } }

export const Added: Story = {
  args: { result: { dataset: { id: 'ds-golden', name: 'Golden answers' }, added: 3, version: 5 } },
}

export const AddFailed: Story = { name: 'Add failed', args: { addError: 'trace tr-sso-2 not found' } }

export const NoSelection: Story = { name: 'No traces selected', args: { traceIds: [], defaultOpen: false } }

export const Huge: Story = {
  name: 'Huge (300 datasets, 5,000 traces)',
  args: { datasets: makeDatasets(300), traceIds: Array.from({ length: 5000 }, (_, i) => `tr-${i}`) },
}
