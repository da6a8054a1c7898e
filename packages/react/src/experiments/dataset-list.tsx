import type { Dataset, DatasetInput } from '@sightline/core'
import { useId, useState, type ComponentPropsWithoutRef, type FormEvent, type SyntheticEvent } from 'react'
import { formatCount, formatTime } from '../format/format'
import { cx } from '../utils/cx'
import { errorMessage } from '../utils/error-alert'
import { ListPanel, listState } from '../utils/list-panel'

export interface DatasetListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title' | 'onSelect'> {
  datasets?: readonly Dataset[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** a click on a dataset's name */
  onSelect?: ((dataset: Dataset, event: SyntheticEvent) => void) | undefined
  /** the dataset shown elsewhere (marked aria-current) */
  selectedId?: string | null | undefined
  /** "New dataset" opens a small form that calls this; without it no form shows */
  onCreate?: ((input: DatasetInput, event: FormEvent<HTMLFormElement>) => void) | undefined
  /** a create is under way */
  creating?: boolean | undefined
  /** a failed create, shown in the form */
  createError?: Error | string | null | undefined
  /** the form is open (controlled); the connected list closes it after a create */
  formOpen?: boolean | undefined
  onFormOpenChange?: ((open: boolean) => void) | undefined
  /** archived datasets are left out unless this is set */
  showArchived?: boolean | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
  locale?: string | undefined
  timeZone?: string | undefined
}

/**
 * The project's datasets: name, description, items and version, last change; a small form makes
 * a new one. Data from props (see `ConnectedDatasetList`).
 */
export function DatasetList(props: DatasetListProps) {
  const {
    datasets,
    loading = false,
    error = null,
    onRetry,
    onSelect,
    selectedId,
    onCreate,
    creating = false,
    createError = null,
    formOpen: formOpenProp,
    onFormOpenChange,
    showArchived = false,
    headingLevel = 2,
    title = 'Datasets',
    locale,
    timeZone,
    className,
    ...rest
  } = props
  const [innerOpen, setInnerOpen] = useState(false)
  const formOpen = formOpenProp ?? innerOpen
  const setFormOpen = (open: boolean) => {
    setInnerOpen(open)
    onFormOpenChange?.(open)
  }
  const shown = datasets?.filter((d) => showArchived || !d.archivedAt)
  const state = listState(shown, error, loading)
  const newButton = (label: string) =>
    onCreate &&
    !formOpen && (
      <button type="button" className="sl-button" onClick={() => setFormOpen(true)}>
        {label}
      </button>
    )

  return (
    <ListPanel
      {...rest}
      className={cx('sl-dataset-list', className)}
      title={title}
      headingLevel={headingLevel}
      state={state}
      what="datasets"
      error={error}
      onRetry={onRetry}
      action={newButton('New dataset')}
      notice={
        onCreate &&
        formOpen && <NewDatasetForm onCreate={onCreate} creating={creating} error={createError} onCancel={() => setFormOpen(false)} />
      }
      empty={
        <>
          <p>No datasets yet.</p>
          <p className="sl-muted">
            A dataset is a fixed set of inputs with the answers you expect. Add traces to one from the trace viewer, the trace table or the
            review queue ("Add to dataset"), then run experiments on it to compare models and prompts before you ship them.
          </p>
          {newButton('Create a dataset')}
        </>
      }
    >
      {(titleId) => (
        <div className="sl-list-panel__scroll">
          <table className="sl-table sl-dataset-list__table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="sl-num">
                  Items
                </th>
                <th scope="col" className="sl-num">
                  Version
                </th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {(shown ?? []).map((dataset) => {
                const selected = dataset.id === selectedId
                return (
                  <tr
                    key={dataset.id}
                    data-dataset-id={dataset.id}
                    data-state={selected ? 'selected' : dataset.archivedAt ? 'archived' : undefined}
                    aria-current={selected ? 'true' : undefined}
                  >
                    <th scope="row">
                      {onSelect ? (
                        <button type="button" className="sl-link-button sl-dataset-list__name" onClick={(e) => onSelect(dataset, e)}>
                          {dataset.name}
                        </button>
                      ) : (
                        <span className="sl-dataset-list__name">{dataset.name}</span>
                      )}
                      {dataset.archivedAt && <span className="sl-chip"> archived</span>}
                      {dataset.description && <p className="sl-dataset-list__description sl-muted">{dataset.description}</p>}
                    </th>
                    <td className="sl-num">{formatCount(dataset.itemCount)}</td>
                    <td className="sl-num">{dataset.version ? `v${dataset.version}` : '—'}</td>
                    <td>
                      <time dateTime={dataset.updatedAt}>{formatTime(dataset.updatedAt, { locale, timeZone, length: 'short' })}</time>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </ListPanel>
  )
}

interface NewDatasetFormProps {
  onCreate: (input: DatasetInput, event: FormEvent<HTMLFormElement>) => void
  creating: boolean
  error: Error | string | null
  onCancel: () => void
}

function NewDatasetForm({ onCreate, creating, error, onCancel }: NewDatasetFormProps) {
  const nameId = useId()
  const descriptionId = useId()
  const errorId = useId()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [missingName, setMissingName] = useState(false)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (creating) return
    if (!name.trim()) {
      setMissingName(true)
      return
    }
    onCreate({ name: name.trim(), ...(description.trim() && { description: description.trim() }) }, event)
  }
  const message = missingName && !name.trim() ? 'Give the dataset a name.' : error ? `Could not create it: ${errorMessage(error)}` : null
  return (
    <form className="sl-dataset-list__form" aria-label="New dataset" onSubmit={submit} noValidate>
      <label htmlFor={nameId}>Name</label>
      <input
        id={nameId}
        className="sl-input"
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={missingName && !name.trim() ? true : undefined}
        aria-describedby={message ? errorId : undefined}
      />
      <label htmlFor={descriptionId}>Description (optional)</label>
      <input id={descriptionId} className="sl-input" value={description} onChange={(e) => setDescription(e.target.value)} />
      {message && (
        <p id={errorId} role="alert" className="sl-error-text">
          {message}
        </p>
      )}
      <div className="sl-dataset-list__form-actions">
        <button type="submit" className="sl-button sl-button--primary" aria-disabled={creating || undefined}>
          {creating ? 'Creating…' : 'Create dataset'}
        </button>
        <button type="button" className="sl-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
