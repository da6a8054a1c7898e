import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { AddToDatasetButton } from './add-to-dataset-button'
import { ConnectedAddToDatasetButton } from './connected-add-to-dataset-button'
import { fakeExperimentServer } from './test-utils/fake-experiment-server'
import { datasetListFixture } from './test-utils/fixtures'

describe('AddToDatasetButton', () => {
  it('picks a dataset (archived ones left out) and adds the traces; without traces it is off', async () => {
    const onAdd = vi.fn()
    const { container, rerender } = render(<AddToDatasetButton traceIds={['tr-1', 'tr-2']} datasets={datasetListFixture} onAdd={onAdd} />)
    fireEvent.click(screen.getByRole('button', { name: 'Add to dataset (2)' }))
    const picker = screen.getByRole('combobox', { name: 'Dataset' })
    expect(picker).toHaveTextContent('Golden answers (3 items)')
    fireEvent.pointerDown(picker, { button: 0, ctrlKey: false, pointerType: 'mouse' })
    expect(screen.getAllByRole('option').map((o) => o.textContent?.replace('✓', ''))).toEqual([
      'Golden answers (3 items)',
      'Refund questions (42 items)',
      'Fresh set (0 items)',
      'New dataset…',
    ])
    fireEvent.click(screen.getByRole('option', { name: 'Refund questions (42 items)' }))
    fireEvent.click(screen.getByRole('button', { name: 'Add 2 traces' }))
    expect(onAdd).toHaveBeenCalledWith({ datasetId: 'ds-refunds' }, ['tr-1', 'tr-2'])
    expect(await axeViolations(container)).toEqual([])
    rerender(<AddToDatasetButton traceIds={[]} datasets={datasetListFixture} onAdd={onAdd} />)
    expect(screen.getByRole('button', { name: 'Add to dataset' })).toBeDisabled()
  })
})

describe('ConnectedAddToDatasetButton', () => {
  it('calls addDatasetItems with the trace ids, and says what it did', async () => {
    const server = fakeExperimentServer()
    const onAdded = vi.fn()
    renderWithClient(<ConnectedAddToDatasetButton traceIds={['tr-9']} onAdded={onAdded} />, server.fetch)
    expect(server.calls).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Add to dataset' }))
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Dataset' })).toHaveTextContent('Golden answers'))
    fireEvent.click(screen.getByRole('button', { name: 'Add 1 trace' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Added 1 item to Golden answers (now v5).'))
    expect(server.calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/v1/datasets/ds-golden/items',
      body: { fromTraces: { traceIds: ['tr-9'] } },
    })
    expect(onAdded).toHaveBeenCalledWith({ dataset: { id: 'ds-golden', name: 'Golden answers' }, added: 1, version: 5 })
  })

  it('makes a new dataset first when asked', async () => {
    const server = fakeExperimentServer()
    renderWithClient(<ConnectedAddToDatasetButton traceIds={['tr-1', 'tr-2']} />, server.fetch)
    fireEvent.click(screen.getByRole('button', { name: 'Add to dataset (2)' }))
    pickOption(await screen.findByRole('combobox', { name: 'Dataset' }), 'New dataset…')
    fireEvent.click(screen.getByRole('button', { name: 'Add 2 traces' }))
    expect(screen.getByRole('textbox', { name: 'Name of the new dataset' })).toHaveAccessibleDescription('Name the new dataset.')
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of the new dataset' }), { target: { value: 'Escalations' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add 2 traces' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Added 2 items to Escalations (now v1).'))
    expect(server.calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/v1/datasets', body: { name: 'Escalations' } },
      { method: 'POST', path: '/api/v1/datasets/ds-5/items', body: { fromTraces: { traceIds: ['tr-1', 'tr-2'] } } },
    ])
  })
})
