import { DatasetList } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { datasetListFixture, makeDatasets } from './experiment-fixtures'

const meta = {
  title: 'Datasets/DatasetList',
  component: DatasetList,
  args: { datasets: datasetListFixture, onSelect: fn(), onCreate: fn(), onRetry: fn(), timeZone: 'UTC' },
} satisfies Meta<typeof DatasetList>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { selectedId: 'ds-golden' } }

export const Loading: Story = { args: { datasets: undefined, loading: true } }

export const Empty: Story = { args: { datasets: [] } }

export const ErrorState: Story = { name: 'Error', args: { datasets: undefined, error: 'the view token has expired' } }

export const Creating: Story = {
  name: 'New dataset form',
  args: { formOpen: true, createError: 'a dataset named "Golden answers" exists' },
}

export const WithArchived: Story = { name: 'With archived', args: { showArchived: true } }

export const Huge: Story = { name: 'Huge (400 datasets)', args: { datasets: makeDatasets(400) } }
