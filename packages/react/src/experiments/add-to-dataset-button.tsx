import type { Dataset } from '@sightline/core'
import { Popover } from 'radix-ui'
import { useId, useState, type ComponentPropsWithoutRef, type FormEvent } from 'react'
import { formatCount } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert, errorMessage } from '../utils/error-alert'
import { SelectMenu } from '../utils/select-menu'
import { useControllableState } from '../utils/use-controllable-state'
import type { AddToDatasetResult, AddToDatasetTarget } from './use-datasets'

/** The picker's value for "New dataset…" (a dataset id is never empty). */
const NEW = ''

export interface AddToDatasetButtonProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSubmit'> {
  /** the traces to add: the one shown, or the rows selected */
  traceIds: readonly string[]
  /** the datasets to pick from (archived ones are left out) */
  datasets?: readonly Dataset[] | undefined
  datasetsLoading?: boolean | undefined
  datasetsError?: Error | string | null | undefined
  onDatasetsRetry?: (() => void) | undefined
  /** Add in the menu, with the dataset (or the new one's name) and the traces */
  onAdd?: ((target: AddToDatasetTarget, traceIds: readonly string[]) => void) | undefined
  adding?: boolean | undefined
  addError?: Error | string | null | undefined
  /** the last add, said in the menu */
  result?: AddToDatasetResult | null | undefined
  /** the menu is open (controlled) */
  open?: boolean | undefined
  defaultOpen?: boolean | undefined
  onOpenChange?: ((open: boolean) => void) | undefined
  /** the button's text; "Add to dataset" by default */
  label?: string | undefined
}

/** What an add did. A trace becomes the item with its id: one already in the dataset is updated, not counted again. */
function resultText({ added, dataset, version }: AddToDatasetResult, asked: number): string {
  if (added === 0) return `No new items in ${dataset.name} (v${version}): the traces were in it already, or were not found.`
  const text = `Added ${added === 1 ? '1 item' : `${formatCount(added)} items`} to ${dataset.name} (now v${version}).`
  const rest = asked - added
  return rest > 0 ? `${text} ${formatCount(rest)} of the traces ${rest === 1 ? 'was' : 'were'} in it already, or not found.` : text
}

const tracesText = (n: number) => (n === 1 ? '1 trace' : `${formatCount(n)} traces`)

/**
 * "Add to dataset": a button opening a small menu that picks a dataset (or names a new one) and
 * copies the traces into it. Place it by the trace viewer's header, a trace table's selection or a
 * review queue. Data from props (see `ConnectedAddToDatasetButton`).
 */
export function AddToDatasetButton(props: AddToDatasetButtonProps) {
  const {
    traceIds,
    datasets,
    datasetsLoading = false,
    datasetsError = null,
    onDatasetsRetry,
    onAdd,
    adding = false,
    addError = null,
    result = null,
    open: openProp,
    defaultOpen = false,
    onOpenChange,
    label = 'Add to dataset',
    className,
    ...rest
  } = props
  const [open, setOpen] = useControllableState({ prop: openProp, defaultProp: defaultOpen, onChange: onOpenChange })
  const none = traceIds.length === 0
  return (
    <div {...rest} className={cx('sl-root sl-add-to-dataset', className)}>
      <Popover.Root open={open && !none} onOpenChange={setOpen}>
        <Popover.Trigger className="sl-button" aria-disabled={none || undefined} disabled={none}>
          {label}
          {traceIds.length > 1 && <span className="sl-add-to-dataset__count"> ({formatCount(traceIds.length)})</span>}
        </Popover.Trigger>
        {/* Not portalled: the menu stays inside the panel's `.sl-root`, under its theme. */}
        <Popover.Content
          className="sl-add-to-dataset__content"
          aria-label={`Add ${tracesText(traceIds.length)} to a dataset`}
          side="bottom"
          align="start"
          sideOffset={4}
          collisionPadding={8}
        >
          <AddForm
            traceIds={traceIds}
            datasets={datasets}
            loading={datasetsLoading}
            error={datasetsError}
            onRetry={onDatasetsRetry}
            onAdd={onAdd}
            adding={adding}
            addError={addError}
            result={result}
            onDone={() => setOpen(false)}
          />
        </Popover.Content>
      </Popover.Root>
    </div>
  )
}

interface AddFormProps {
  traceIds: readonly string[]
  datasets: readonly Dataset[] | undefined
  loading: boolean
  error: Error | string | null
  onRetry: (() => void) | undefined
  onAdd: AddToDatasetButtonProps['onAdd']
  adding: boolean
  addError: Error | string | null
  result: AddToDatasetResult | null
  onDone: () => void
}

function AddForm({ traceIds, datasets, loading, error, onRetry, onAdd, adding, addError, result, onDone }: AddFormProps) {
  const titleId = useId()
  const pickerId = useId()
  const nameId = useId()
  const nameErrorId = useId()
  const live = (datasets ?? []).filter((d) => !d.archivedAt)
  const [picked, setPicked] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [nameMissing, setNameMissing] = useState(false)
  // Until one is picked: the first dataset, or a new one when there is none.
  const value = picked ?? live[0]?.id ?? NEW
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (adding || !onAdd) return
    if (value === NEW) {
      if (!name.trim()) {
        setNameMissing(true)
        return
      }
      onAdd({ newDatasetName: name.trim() }, traceIds)
    } else onAdd({ datasetId: value }, traceIds)
  }
  return (
    <form className="sl-add-to-dataset__form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <p id={titleId} className="sl-add-to-dataset__title">
        Add {tracesText(traceIds.length)} to a dataset
      </p>
      {!datasets && error ? (
        <ErrorAlert className="sl-error-text" what="Could not load the datasets" error={error} onRetry={onRetry} />
      ) : !datasets && loading ? (
        <p role="status">Loading datasets…</p>
      ) : (
        <>
          <label htmlFor={pickerId}>Dataset</label>
          <SelectMenu
            id={pickerId}
            value={value}
            onValueChange={setPicked}
            options={[
              ...live.map((d) => ({ value: d.id, label: `${d.name} (${formatCount(d.itemCount)} items)` })),
              { value: NEW, label: 'New dataset…' },
            ]}
          />
          {value === NEW && (
            <>
              <label htmlFor={nameId}>Name of the new dataset</label>
              <input
                id={nameId}
                className="sl-input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={nameMissing && !name.trim() ? true : undefined}
                aria-describedby={nameMissing && !name.trim() ? nameErrorId : undefined}
              />
              {nameMissing && !name.trim() && (
                <p id={nameErrorId} className="sl-error-text">
                  Name the new dataset.
                </p>
              )}
            </>
          )}
          <p className="sl-muted sl-add-to-dataset__hint">
            Each trace becomes an item: its input, and its correction (else its output) as the expected output.
          </p>
          {addError && (
            <p role="alert" className="sl-error-text">
              Could not add the traces: {errorMessage(addError)}
            </p>
          )}
          <div role="status" className="sl-add-to-dataset__result">
            {result && !adding && resultText(result, traceIds.length)}
          </div>
          <div className="sl-add-to-dataset__actions">
            <button type="submit" className="sl-button sl-button--primary" aria-disabled={adding || !onAdd || undefined}>
              {adding ? 'Adding…' : `Add ${tracesText(traceIds.length)}`}
            </button>
            <button type="button" className="sl-button" onClick={onDone}>
              {result ? 'Done' : 'Cancel'}
            </button>
          </div>
        </>
      )}
    </form>
  )
}
