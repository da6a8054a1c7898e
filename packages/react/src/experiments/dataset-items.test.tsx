import { SightlineError } from '@sightline/core'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { ConnectedDatasetItems } from './connected-dataset-items'
import { DatasetItems } from './dataset-items'
import { fakeExperimentServer } from './test-utils/fake-experiment-server'
import { datasetFixture, datasetItemsFixture } from './test-utils/fixtures'

describe('DatasetItems', () => {
  it('lists items with their source trace; the current version can be edited and archived', async () => {
    const onOpenTrace = vi.fn()
    const onArchiveItem = vi.fn()
    const { container } = render(
      <DatasetItems
        dataset={datasetFixture()}
        items={datasetItemsFixture}
        onOpenTrace={onOpenTrace}
        onSaveItem={() => {}}
        onArchiveItem={onArchiveItem}
      />,
    )
    const rows = within(screen.getByRole('table', { name: 'Items' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows[0]).toHaveTextContent('How do I reset my password?')
    expect(rows[1]).toHaveTextContent('"policy": "refunds-v2"')
    expect(rows[2]).toHaveTextContent('none')
    expect(rows[2]).toHaveTextContent('API')
    fireEvent.click(screen.getByRole('button', { name: 'tr-reset-1' }))
    expect(onOpenTrace).toHaveBeenCalledWith('tr-reset-1', expect.anything())
    fireEvent.click(screen.getByRole('button', { name: 'Archive item 2' }))
    expect(onArchiveItem).toHaveBeenCalledWith(datasetItemsFixture[1])
    expect(await axeViolations(container)).toEqual([])
  })

  it('shows an older version read-only: no Edit, no Archive, and a way back', async () => {
    const onVersionChange = vi.fn()
    const { container } = render(
      <DatasetItems
        dataset={datasetFixture({ version: 4 })}
        items={datasetItemsFixture}
        defaultVersion={null}
        onVersionChange={onVersionChange}
        onSaveItem={() => {}}
        onArchiveItem={() => {}}
      />,
    )
    const picker = screen.getByRole('combobox', { name: 'Version' })
    expect(picker).toHaveTextContent('v4 (current)')
    expect(screen.getAllByRole('button', { name: /^Edit/ })).toHaveLength(3)
    pickOption(picker, 'v2')
    expect(onVersionChange).toHaveBeenCalledWith(2)
    expect(screen.getByRole('note')).toHaveTextContent('Version 2 is read-only')
    expect(screen.queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Archive/ })).not.toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Show the current version' }))
    expect(onVersionChange).toHaveBeenLastCalledWith(null)
    expect(screen.getAllByRole('button', { name: /^Edit/ })).toHaveLength(3)
  })

  it('edits an item as text or JSON, checks JSON first, and puts server issues beside their field', async () => {
    const onSaveItem = vi.fn()
    const { container, rerender } = render(
      <DatasetItems dataset={datasetFixture()} items={datasetItemsFixture} onSaveItem={onSaveItem} defaultEditingId="item-2" />,
    )
    const form = screen.getByRole('form', { name: 'Edit item 2' })
    expect(within(form).getByRole('checkbox', { name: 'JSON (expected output)' })).toBeChecked()
    const expected = within(form).getByRole('textbox', { name: 'Expected output' })
    fireEvent.change(expected, { target: { value: '{"answer": ' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save as a new version' }))
    expect(onSaveItem).not.toHaveBeenCalled()
    expect(expected).toHaveAttribute('aria-invalid', 'true')
    expect(expected).toHaveAccessibleDescription(/^Not valid JSON/)
    fireEvent.change(expected, { target: { value: '{"answer": "No."}' } })
    // The input is JSON already: a JSON string is text in quotes.
    expect(within(form).getByRole('checkbox', { name: 'JSON (input)' })).toBeChecked()
    fireEvent.change(within(form).getByRole('textbox', { name: 'Input' }), { target: { value: '"quoted"' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save as a new version' }))
    expect(onSaveItem).toHaveBeenCalledWith(datasetItemsFixture[1], { input: 'quoted', expectedOutput: { answer: 'No.' } })
    rerender(
      <DatasetItems
        dataset={datasetFixture()}
        items={datasetItemsFixture}
        onSaveItem={onSaveItem}
        defaultEditingId="item-2"
        saveError={new SightlineError(400, 'validation_failed', 'invalid item', [{ path: ['input'], message: 'too large' }])}
      />,
    )
    expect(screen.getByRole('textbox', { name: 'Input' })).toHaveAccessibleDescription('too large')
    expect(await axeViolations(container)).toEqual([])
  })

  it('teaches in the empty state and shows errors with Retry', () => {
    const onRetry = vi.fn()
    const { rerender } = render(<DatasetItems dataset={datasetFixture({ version: 0, itemCount: 0 })} items={[]} />)
    expect(screen.getByText('This dataset has no items yet.')).toBeInTheDocument()
    expect(screen.getByText(/Add to dataset/)).toBeInTheDocument()
    rerender(<DatasetItems error="dataset ds-x not found" onRetry={onRetry} />)
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})

describe('ConnectedDatasetItems', () => {
  it('pages with Load more; Save patches the item and the dataset moves to its next version', async () => {
    const server = fakeExperimentServer({ itemCount: 7, pageSize: 5 })
    renderWithClient(<ConnectedDatasetItems datasetId="ds-golden" pageSize={5} />, server.fetch)
    const table = await screen.findByRole('table', { name: 'Items' })
    expect(within(table).getAllByRole('row')).toHaveLength(6)
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(8))
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Version' })).toHaveTextContent('v4 (current)'))
    fireEvent.click(screen.getByRole('button', { name: 'Edit item 1' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'Expected output' }), { target: { value: 'A better answer' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new version' }))
    await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument())
    expect(server.calls.find((c) => c.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/v1/datasets/ds-golden/items/item-1',
      body: { input: 'Question 1', expectedOutput: 'A better answer' },
    })
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Version' })).toHaveTextContent('v5 (current)'))
    expect(screen.getByRole('table', { name: 'Items' })).toHaveTextContent('A better answer')
  })
})
