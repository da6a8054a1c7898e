import { SightlineError } from '@sightline/core'
import { DatasetItems } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { datasetFixture, datasetItemsFixture, makeDatasetItems } from './experiment-fixtures'

const meta = {
  title: 'Datasets/DatasetItems',
  component: DatasetItems,
  args: {
    dataset: datasetFixture(),
    items: datasetItemsFixture,
    onOpenTrace: fn(),
    onSaveItem: fn(),
    onArchiveItem: fn(),
    onVersionChange: fn(),
    onLoadMore: fn(),
    onRetry: fn(),
  },
} satisfies Meta<typeof DatasetItems>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { hasMore: true } }

export const Loading: Story = { args: { items: undefined, loading: true } }

export const Empty: Story = { args: { dataset: datasetFixture({ version: 0, itemCount: 0 }), items: [] } }

export const ErrorState: Story = { name: 'Error', args: { items: undefined, error: 'dataset ds-x not found' } }

export const OlderVersion: Story = { name: 'Older version (read-only)', args: { defaultVersion: 2 } }

export const Editing: Story = { args: { defaultEditingId: 'item-2' } }

export const SaveFailed: Story = {
  name: 'Save failed',
  args: {
    defaultEditingId: 'item-1',
    saveError: new SightlineError(400, 'validation_failed', 'invalid item', [{ path: ['input'], message: 'at most 1 MB' }]),
  },
}

export const Huge: Story = {
  name: 'Huge (1,000 items, 400 versions)',
  args: { dataset: datasetFixture({ version: 400, itemCount: 48_211 }), items: makeDatasetItems(1000), hasMore: true },
}
