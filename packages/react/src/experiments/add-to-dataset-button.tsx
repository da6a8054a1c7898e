import type { Dataset } from '@sightline/core'
import { useId, useState, type ComponentPropsWithoutRef } from 'react'
import { formatCount } from '../format/format'
import { AddToForm, AddToMenu } from '../utils/add-to-menu'
import { cx } from '../utils/cx'
import { SelectMenu } from '../utils/select-menu'
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

const WHERE = 'to a dataset'

/**
 * "Add to dataset": a button opening a small menu that picks a dataset (or names a new one) and
 * copies the traces into it. Place it by the trace viewer's header, a trace table's selection or a
 * review queue. Data from props (see `ConnectedAddToDatasetButton`).
 */
export function AddToDatasetButton(props: AddToDatasetButtonProps) {
  const {
    label = 'Add to dataset',
    className,
    datasets,
    datasetsLoading,
    datasetsError,
    onDatasetsRetry,
    onAdd,
    adding,
    addError,
    result,
    ...rest
  } = props
  return (
    <AddToMenu {...rest} label={label} where={WHERE} className={cx('sl-add-to-dataset', className)}>
      {/* The form mounts each time the menu opens: a fresh pick every time. */}
      {(close) => <AddForm {...props} onDone={close} />}
    </AddToMenu>
  )
}

function AddForm(props: AddToDatasetButtonProps & { onDone: () => void }) {
  const {
    traceIds,
    datasets,
    datasetsLoading: loading = false,
    datasetsError: error = null,
    onDatasetsRetry: onRetry,
    onAdd,
    adding = false,
  } = props
  const { addError = null, result = null, onDone } = props
  const pickerId = useId()
  const nameId = useId()
  const nameErrorId = useId()
  const live = (datasets ?? []).filter((d) => !d.archivedAt)
  const [picked, setPicked] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [nameMissing, setNameMissing] = useState(false)
  // Until one is picked: the first dataset, or a new one when there is none.
  const value = picked ?? live[0]?.id ?? NEW
  const submit = () => {
    if (value !== NEW) return onAdd?.({ datasetId: value }, traceIds)
    if (name.trim()) return onAdd?.({ newDatasetName: name.trim() }, traceIds)
    setNameMissing(true)
  }
  const showNameError = nameMissing && !name.trim()
  return (
    <AddToForm
      traceIds={traceIds}
      where={WHERE}
      what="datasets"
      loaded={datasets !== undefined}
      loading={loading}
      loadError={error}
      onRetry={onRetry}
      hint="Each trace becomes an item: its input, and its correction (else its output) as the expected output."
      adding={adding}
      canAdd={!!onAdd}
      addError={addError}
      result={result && resultText(result, traceIds.length)}
      onSubmit={submit}
      onDone={onDone}
    >
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
            aria-invalid={showNameError || undefined}
            aria-describedby={showNameError ? nameErrorId : undefined}
          />
          {showNameError && (
            <p id={nameErrorId} className="sl-error-text">
              Name the new dataset.
            </p>
          )}
        </>
      )}
    </AddToForm>
  )
}
