import { SightlineError, type ApiIssue, type Dataset, type DatasetItem, type DatasetItemPatch, type JsonValue } from '@sightline/core'
import { LoadMore } from '../utils/load-more'
import { useId, useState, type ComponentPropsWithoutRef, type FormEvent, type MouseEvent } from 'react'
import { cx } from '../utils/cx'
import { ErrorAlert, errorMessage } from '../utils/error-alert'
import { SelectMenu } from '../utils/select-menu'
import { useControllableState } from '../utils/use-controllable-state'
import { valueText } from './value-text'

export interface DatasetItemsProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'> {
  /** the dataset, for its current version; without it no version picker shows */
  dataset?: Dataset | undefined
  /** the items loaded so far, of the version shown */
  items?: readonly DatasetItem[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the version shown, null for the current one (controlled) */
  version?: number | null | undefined
  defaultVersion?: number | null | undefined
  onVersionChange?: ((version: number | null) => void) | undefined
  /** more pages wait behind the last one (the server sent a `nextCursor`) */
  hasMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  loadingMore?: boolean | undefined
  /** a click on an item's source trace; with `traceHref` too, the link's plain click is left to this */
  onOpenTrace?: ((traceId: string, event: MouseEvent<HTMLElement>) => void) | undefined
  /** where a source trace links to */
  traceHref?: ((traceId: string) => string) | undefined
  /** Save in an item's edit form; without it items cannot be edited */
  onSaveItem?: ((item: DatasetItem, patch: DatasetItemPatch) => void) | undefined
  /** the item being saved: its form is busy */
  savingItemId?: string | null | undefined
  /** a failed save, shown in the open form; a validation error's issues go beside their fields */
  saveError?: Error | string | null | undefined
  /** the item whose form is open (controlled) */
  editingId?: string | null | undefined
  defaultEditingId?: string | null | undefined
  onEditingIdChange?: ((id: string | null) => void) | undefined
  /** Archive on an item; without it no button shows */
  onArchiveItem?: ((item: DatasetItem) => void) | undefined
  /** the item being archived */
  archivingItemId?: string | null | undefined
  /** a failed archive, shown above the table */
  archiveError?: Error | string | null | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * A dataset's items as of one version: input, expected output and the trace each came from. The
 * current version can be edited (an item's input or expected output, as text or JSON) and items
 * archived, each change making a new version; older versions are read-only. Data from props (see
 * `ConnectedDatasetItems`).
 */
export function DatasetItems(props: DatasetItemsProps) {
  const {
    dataset,
    items,
    loading = false,
    error = null,
    onRetry,
    version: versionProp,
    defaultVersion = null,
    onVersionChange,
    hasMore = false,
    onLoadMore,
    loadingMore = false,
    onOpenTrace,
    traceHref,
    onSaveItem,
    savingItemId = null,
    saveError = null,
    editingId: editingIdProp,
    defaultEditingId = null,
    onEditingIdChange,
    onArchiveItem,
    archivingItemId = null,
    archiveError = null,
    headingLevel = 2,
    title = 'Items',
    className,
    ...rest
  } = props
  const [version, setVersion] = useControllableState<number | null>({
    prop: versionProp,
    defaultProp: defaultVersion,
    onChange: onVersionChange,
  })
  const [editingId, setEditingId] = useControllableState<string | null>({
    prop: editingIdProp,
    defaultProp: defaultEditingId,
    onChange: onEditingIdChange,
  })
  const titleId = useId()
  const versionId = useId()
  const Heading = `h${headingLevel}` as const
  const current = dataset?.version ?? 0
  // An older version is history: it is shown, never changed.
  const readOnly = version !== null && version < current
  const editable = !readOnly && Boolean(onSaveItem)
  const archivable = !readOnly && Boolean(onArchiveItem)
  const state = items ? (items.length ? 'ready' : 'empty') : error ? 'error' : loading ? 'loading' : 'empty'
  const columns = 3 + (editable || archivable ? 1 : 0)
  const versionOptions = Array.from({ length: current }, (_, i) => {
    const v = current - i
    return { value: String(v), label: v === current ? `v${v} (current)` : `v${v}` }
  })

  return (
    <section
      {...rest}
      className={cx('sl-root sl-dataset-items', className)}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || undefined}
      data-state={state}
      data-read-only={readOnly || undefined}
    >
      <div className="sl-dataset-items__header">
        <Heading id={titleId} className="sl-dataset-items__title">
          {title}
        </Heading>
        {current > 0 && (
          <div className="sl-dataset-items__version">
            <label htmlFor={versionId}>Version</label>
            <SelectMenu
              id={versionId}
              value={String(version ?? current)}
              onValueChange={(next) => {
                const v = Number(next)
                setVersion(v === current ? null : v)
                setEditingId(null)
              }}
              options={versionOptions}
            />
          </div>
        )}
      </div>
      {readOnly && (
        <p className="sl-dataset-items__read-only" role="note">
          Version {version} is read-only: these are the items as they were then. Changes make a new version on top of v{current}.{' '}
          <button type="button" className="sl-link-button" onClick={() => setVersion(null)}>
            Show the current version
          </button>
        </p>
      )}
      {archiveError && (
        <p role="alert" className="sl-error-text">
          Could not archive the item: {errorMessage(archiveError)}
        </p>
      )}
      {state === 'loading' ? (
        <p role="status">Loading items…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what="Could not load the items" error={error!} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <div className="sl-dataset-items__empty">
          <p>{readOnly ? `Version ${version} had no items.` : 'This dataset has no items yet.'}</p>
          {!readOnly && (
            <p className="sl-muted">
              Add traces with "Add to dataset" in the trace viewer, the trace table (select rows) or the review queue: each becomes an item
              with the trace's input, and its correction (else its output) as the expected output. Items can also be sent through the API.
            </p>
          )}
        </div>
      ) : (
        <>
          <div className="sl-dataset-items__scroll">
            <table className="sl-table sl-dataset-items__table" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">Input</th>
                  <th scope="col">Expected output</th>
                  <th scope="col">Source</th>
                  {(editable || archivable) && (
                    <th scope="col">
                      <span className="sl-visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items!.map((item, index) =>
                  editable && editingId === item.id ? (
                    <tr key={item.id} data-item-id={item.id} data-state="editing">
                      <td colSpan={columns}>
                        <ItemForm
                          item={item}
                          label={`Edit item ${index + 1}`}
                          saving={savingItemId === item.id}
                          error={saveError}
                          onSave={(patch) => onSaveItem?.(item, patch)}
                          onCancel={() => setEditingId(null)}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={item.id} data-item-id={item.id}>
                      <td>
                        <ValueCell value={item.input} />
                      </td>
                      <td>
                        {item.expectedOutput === null ? <span className="sl-muted">none</span> : <ValueCell value={item.expectedOutput} />}
                      </td>
                      <td className="sl-dataset-items__source">
                        {item.sourceTraceId ? (
                          <TraceLink traceId={item.sourceTraceId} onOpenTrace={onOpenTrace} traceHref={traceHref} />
                        ) : (
                          <span className="sl-muted">API</span>
                        )}
                        <span className="sl-muted sl-dataset-items__item-version">changed in v{item.version}</span>
                      </td>
                      {(editable || archivable) && (
                        <td className="sl-dataset-items__actions">
                          {editable && (
                            <button type="button" className="sl-button" onClick={() => setEditingId(item.id)}>
                              Edit<span className="sl-visually-hidden"> item {index + 1}</span>
                            </button>
                          )}
                          {archivable && (
                            <button
                              type="button"
                              className="sl-button"
                              aria-disabled={archivingItemId === item.id || undefined}
                              onClick={() => archivingItemId !== item.id && onArchiveItem?.(item)}
                            >
                              {archivingItemId === item.id ? 'Archiving…' : 'Archive'}
                              <span className="sl-visually-hidden"> item {index + 1}</span>
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          <LoadMore hasMore={hasMore} loadingMore={loadingMore} onLoadMore={onLoadMore} />
          {error && <ErrorAlert className="sl-error-text" what="Could not load more items" error={error} onRetry={onRetry} />}
        </>
      )}
    </section>
  )
}

function ValueCell({ value }: { value: JsonValue }) {
  const text = valueText(value)
  return (
    <div className="sl-dataset-items__value" data-format={typeof value === 'string' ? 'text' : 'json'}>
      {text}
    </div>
  )
}

export interface TraceLinkProps {
  traceId: string
  onOpenTrace?: ((traceId: string, event: MouseEvent<HTMLElement>) => void) | undefined
  traceHref?: ((traceId: string) => string) | undefined
}

/** A trace id as a link (`traceHref`), a button (`onOpenTrace`) or plain code. */
export function TraceLink({ traceId, onOpenTrace, traceHref }: TraceLinkProps) {
  const label = <code>{traceId}</code>
  if (traceHref)
    return (
      <a
        href={traceHref(traceId)}
        onClick={(e) => {
          // A modified click opens a tab, as links do.
          if (!onOpenTrace || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
          onOpenTrace(traceId, e)
        }}
      >
        {label}
      </a>
    )
  if (onOpenTrace)
    return (
      <button type="button" className="sl-link-button" onClick={(e) => onOpenTrace(traceId, e)}>
        {label}
      </button>
    )
  return label
}

type FieldName = 'input' | 'expectedOutput'
const FIELD_LABELS: Record<FieldName, string> = { input: 'Input', expectedOutput: 'Expected output' }

interface FieldDraft {
  text: string
  json: boolean
}

const draftOf = (value: JsonValue | null): FieldDraft => ({ text: valueText(value), json: value !== null && typeof value !== 'string' })

/** A field's draft as a value: JSON parsed, text as it is; an empty expected output is none. */
function parseField(name: FieldName, draft: FieldDraft): { value: JsonValue | null } | { error: string } {
  if (name === 'expectedOutput' && !draft.text.trim()) return { value: null }
  if (name === 'input' && !draft.text.trim()) return { error: 'Give an input.' }
  if (!draft.json) return { value: draft.text }
  try {
    return { value: JSON.parse(draft.text) as JsonValue }
  } catch (e) {
    return { error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
}

function issuesByField(issues: readonly ApiIssue[]): Partial<Record<FieldName | 'form', string>> {
  const out: Partial<Record<FieldName | 'form', string>> = {}
  for (const issue of issues) {
    const key = issue.path[0] === 'input' || issue.path[0] === 'expectedOutput' ? issue.path[0] : 'form'
    out[key] = out[key] ? `${out[key]}; ${issue.message}` : issue.message
  }
  return out
}

interface ItemFormProps {
  item: DatasetItem
  label: string
  saving: boolean
  error: Error | string | null
  onSave: (patch: DatasetItemPatch) => void
  onCancel: () => void
}

function ItemForm({ item, label, saving, error, onSave, onCancel }: ItemFormProps) {
  const [drafts, setDrafts] = useState<Record<FieldName, FieldDraft>>(() => ({
    input: draftOf(item.input),
    expectedOutput: draftOf(item.expectedOutput),
  }))
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({})
  const server = error instanceof SightlineError && error.issues.length ? issuesByField(error.issues) : {}
  const formError = server.form ?? (error && !(error instanceof SightlineError && error.issues.length) ? errorMessage(error) : null)
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (saving) return
    const errors: Partial<Record<FieldName, string>> = {}
    const patch: DatasetItemPatch = {}
    for (const name of ['input', 'expectedOutput'] as const) {
      const parsed = parseField(name, drafts[name])
      if ('error' in parsed) errors[name] = parsed.error
      else if (name === 'input') patch.input = parsed.value ?? ''
      else patch.expectedOutput = parsed.value
    }
    setLocal(errors)
    if (Object.keys(errors).length === 0) onSave(patch)
  }
  return (
    <form className="sl-dataset-items__form" aria-label={label} onSubmit={submit} noValidate>
      {(['input', 'expectedOutput'] as const).map((name) => (
        <ItemField
          key={name}
          name={name}
          draft={drafts[name]}
          error={local[name] ?? server[name] ?? null}
          onChange={(draft) => setDrafts((d) => ({ ...d, [name]: draft }))}
        />
      ))}
      {formError && (
        <p role="alert" className="sl-error-text">
          Could not save: {formError}
        </p>
      )}
      <div className="sl-dataset-items__form-actions">
        <button type="submit" className="sl-button sl-button--primary" aria-disabled={saving || undefined}>
          {saving ? 'Saving…' : 'Save as a new version'}
        </button>
        <button type="button" className="sl-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function ItemField({
  name,
  draft,
  error,
  onChange,
}: {
  name: FieldName
  draft: FieldDraft
  error: string | null
  onChange: (draft: FieldDraft) => void
}) {
  const id = useId()
  const errorId = useId()
  return (
    <div className="sl-dataset-items__field">
      <div className="sl-dataset-items__field-label">
        <label htmlFor={id}>{FIELD_LABELS[name]}</label>
        <label className="sl-dataset-items__json">
          <input type="checkbox" checked={draft.json} onChange={(e) => onChange({ ...draft, json: e.target.checked })} /> JSON
          <span className="sl-visually-hidden"> ({FIELD_LABELS[name].toLowerCase()})</span>
        </label>
      </div>
      <textarea
        id={id}
        className="sl-input sl-dataset-items__textarea"
        value={draft.text}
        rows={Math.min(12, Math.max(3, draft.text.split('\n').length))}
        spellCheck={!draft.json}
        onChange={(e) => onChange({ ...draft, text: e.target.value })}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {name === 'expectedOutput' && <p className="sl-muted sl-dataset-items__hint">Leave it empty for no expected output.</p>}
      {error && (
        <p id={errorId} className="sl-error-text">
          {error}
        </p>
      )}
    </div>
  )
}
