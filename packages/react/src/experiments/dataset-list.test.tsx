import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../annotation/test-utils/render-with-client'
import { axeViolations } from '../test-utils/axe'
import { ConnectedDatasetList } from './connected-dataset-list'
import { DatasetList } from './dataset-list'
import { fakeExperimentServer } from './test-utils/fake-experiment-server'
import { datasetListFixture } from './test-utils/fixtures'

describe('DatasetList', () => {
  it('lists live datasets with items and version; teaches when there are none', async () => {
    const onSelect = vi.fn()
    const { container, rerender } = render(<DatasetList datasets={datasetListFixture} selectedId="ds-refunds" onSelect={onSelect} />)
    const rows = within(screen.getByRole('table', { name: 'Datasets' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows.map((r) => within(r).getByRole('button').textContent)).toEqual(['Golden answers', 'Refund questions', 'Fresh set'])
    expect(rows[0]).toHaveTextContent('v4')
    expect(rows[1]).toHaveAttribute('aria-current', 'true')
    expect(rows[1]).toHaveTextContent('42')
    fireEvent.click(screen.getByRole('button', { name: 'Golden answers' }))
    expect(onSelect).toHaveBeenCalledWith(datasetListFixture[0], expect.anything())
    expect(await axeViolations(container)).toEqual([])
    rerender(<DatasetList datasets={[]} onCreate={() => {}} />)
    expect(screen.getByText(/A dataset is a fixed set of inputs/)).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
  })
})

describe('ConnectedDatasetList', () => {
  it('creates a dataset from the form; the list refetches', async () => {
    const server = fakeExperimentServer()
    const onCreated = vi.fn()
    renderWithClient(<ConnectedDatasetList onCreated={onCreated} />, server.fetch)
    fireEvent.click(await screen.findByRole('button', { name: 'New dataset' }))
    const form = screen.getByRole('form', { name: 'New dataset' })
    fireEvent.click(within(form).getByRole('button', { name: 'Create dataset' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('Give the dataset a name.')
    fireEvent.change(within(form).getByRole('textbox', { name: 'Name' }), { target: { value: 'Escalations' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Create dataset' }))
    await waitFor(() => expect(screen.getByRole('rowheader', { name: /^Escalations/ })).toBeInTheDocument())
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ name: 'Escalations' }))
  })
})
