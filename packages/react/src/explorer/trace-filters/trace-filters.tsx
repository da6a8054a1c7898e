import { traceListQueryToParams, type TraceListQuery } from '@sightline/core'
import { useEffect, useId, useRef, useState, type ComponentPropsWithoutRef, type FormEvent, type ReactNode } from 'react'
import { cx } from '../../utils/cx'
import { SelectMenu } from '../../utils/select-menu'
import { useControllableState } from '../../utils/use-controllable-state'
import { countFilters, fromDraft, toDraft, type DraftErrors, type FilterDraft, type FilterField } from './filter-draft'

/** The text fields that offer suggestions. */
export const SUGGESTED_FILTER_FIELDS = ['environment', 'name', 'userId', 'model', 'sessionId', 'release', 'version'] as const
export type SuggestedFilterField = (typeof SUGGESTED_FILTER_FIELDS)[number]

export type TraceFiltersOptions = { [F in SuggestedFilterField]?: readonly string[] | undefined }

export interface TraceFiltersProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'defaultValue' | 'onChange' | 'children'> {
  /** the applied query; controlled when given (a host can keep it in its URL) */
  value?: TraceListQuery | undefined
  defaultValue?: TraceListQuery | undefined
  /** called with the whole query when filters are applied; sort and page size are kept */
  onValueChange?: ((value: TraceListQuery) => void) | undefined
  /** suggestions for the text fields */
  options?: TraceFiltersOptions | undefined
  /** a suggesting field was focused or typed in (connected parts fetch its values) */
  onFieldInput?: ((field: SuggestedFilterField, text: string) => void) | undefined
  /** ms after the last keystroke before typed filters apply (Enter applies at once); default 500 */
  applyDelay?: number | undefined
  /** the search landmark's accessible name */
  label?: string | undefined
}

const ADVANCED: readonly FilterField[] = [
  'sessionId',
  'release',
  'version',
  'tag',
  'from',
  'to',
  'minLatencyMs',
  'maxLatencyMs',
  'minCost',
  'maxCost',
  'metadata',
  'score',
]

const EMPTY: TraceListQuery = {}

const SUGGESTED = new Set<string>(SUGGESTED_FILTER_FIELDS)

/**
 * The trace-list filter bar: every filter of the list endpoint. Text fields apply a moment after
 * typing stops, or on Enter; the status and feedback menus apply at once. Controlled or uncontrolled.
 */
export function TraceFilters(props: TraceFiltersProps) {
  const {
    value: valueProp,
    defaultValue = EMPTY,
    onValueChange,
    options,
    onFieldInput,
    applyDelay = 500,
    label = 'Trace filters',
    className,
    ...rest
  } = props
  const [value, setValue] = useControllableState<TraceListQuery>({ prop: valueProp, defaultProp: defaultValue, onChange: onValueChange })

  // The draft follows the applied value whenever that changes (a link, the back button, "Clear").
  const key = traceListQueryToParams(value).toString()
  const [draftFor, setDraftFor] = useState(key)
  const [draft, setDraft] = useState<FilterDraft>(() => toDraft(value))
  const [errors, setErrors] = useState<DraftErrors>({})
  if (draftFor !== key) {
    setDraftFor(key)
    setDraft(toDraft(value))
    setErrors({})
  }
  const [moreOpen, setMoreOpen] = useState(() => {
    const initial = toDraft(value)
    return ADVANCED.some((f) => initial[f] !== '')
  })

  const id = useId()
  const fieldId = (f: FilterField) => `${id}-${f}`
  const apply = (next: FilterDraft) => {
    const result = fromDraft(next, value)
    setErrors(result.errors)
    if (Object.keys(result.errors).length) return
    setValue(result.query)
  }
  // The pending apply runs with the draft and applied value of its time, not of its scheduling.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const latest = useRef({ apply, draft })
  latest.current = { apply, draft }
  const cancelPending = () => clearTimeout(timer.current)
  useEffect(() => () => clearTimeout(timer.current), [])
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    cancelPending()
    apply(draft)
  }
  const update = (field: FilterField, text: string) => {
    setDraft((d) => ({ ...d, [field]: text }))
    if (SUGGESTED.has(field)) onFieldInput?.(field as SuggestedFilterField, text)
    cancelPending()
    timer.current = setTimeout(() => latest.current.apply(latest.current.draft), applyDelay)
  }

  const field = (
    name: FilterField,
    title: string,
    input: Partial<ComponentPropsWithoutRef<'input'>> = {},
    suggestions?: readonly string[],
  ) => (
    <div className="sl-field" data-field={name}>
      <label htmlFor={fieldId(name)}>{title}</label>
      <input
        id={fieldId(name)}
        className="sl-input"
        name={name}
        value={draft[name]}
        onChange={(e) => update(name, e.target.value)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${fieldId(name)}-error` : undefined}
        list={suggestions?.length ? `${fieldId(name)}-options` : undefined}
        autoComplete="off"
        onFocus={SUGGESTED.has(name) ? () => onFieldInput?.(name as SuggestedFilterField, draft[name]) : undefined}
        {...input}
      />
      {suggestions && suggestions.length > 0 && (
        <datalist id={`${fieldId(name)}-options`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {errors[name] && (
        <span id={`${fieldId(name)}-error`} className="sl-field__error">
          {errors[name]}
        </span>
      )}
    </div>
  )

  const select = (name: 'status' | 'feedback', title: string, choices: [string, string][]) => (
    <div className="sl-field" data-field={name}>
      <label htmlFor={fieldId(name)}>{title}</label>
      <SelectMenu
        id={fieldId(name)}
        className="sl-input"
        value={draft[name]}
        onValueChange={(next) => {
          setDraft({ ...draft, [name]: next })
          // Menus apply at once, with the other fields as they were applied.
          const { query } = fromDraft({ ...toDraft(value), [name]: next }, value)
          setValue(query)
        }}
        options={choices.map(([v, text]) => ({ value: v, label: text }))}
      />
    </div>
  )

  const active = countFilters(value)
  const moreId = `${id}-more`
  const errorList = Object.values(errors)
  let summary: ReactNode = null
  if (errorList.length)
    summary = (
      <p role="alert" className="sl-filters__errors">
        Not applied: {errorList.join('; ')}
      </p>
    )

  return (
    <form {...rest} role="search" aria-label={label} className={cx('sl-root sl-filters', className)} onSubmit={onSubmit} noValidate>
      <div className="sl-filters__row">
        {field('q', 'Search', { type: 'search', placeholder: 'Text in name, input, output' })}
        {field('environment', 'Environment', {}, options?.environment)}
        {field('name', 'Name', {}, options?.name)}
        {field('userId', 'User', {}, options?.userId)}
        {field('model', 'Model', {}, options?.model)}
        {select('status', 'Status', [
          ['', 'Any'],
          ['ok', 'OK'],
          ['error', 'Error'],
        ])}
        {select('feedback', 'Feedback', [
          ['', 'Any'],
          ['positive', 'Positive'],
          ['negative', 'Negative'],
        ])}
        <div className="sl-filters__buttons">
          {/* Enter in a field submits through this: filters also apply by themselves after typing. */}
          <button type="submit" className="sl-visually-hidden">
            Apply filters
          </button>
          <button
            type="button"
            className="sl-button"
            onClick={() => {
              cancelPending()
              const cleared = fromDraft(toDraft({}), value).query
              setDraft(toDraft(cleared))
              setErrors({})
              setValue(cleared)
            }}
            disabled={active === 0}
          >
            Clear
          </button>
          <button
            type="button"
            className="sl-button"
            aria-expanded={moreOpen}
            aria-controls={moreId}
            onClick={() => setMoreOpen(!moreOpen)}
          >
            More filters
          </button>
        </div>
      </div>
      <div id={moreId} className="sl-filters__row sl-filters__more" hidden={!moreOpen}>
        {field('sessionId', 'Session', {}, options?.sessionId)}
        {field('release', 'Release', {}, options?.release)}
        {field('version', 'Version', {}, options?.version)}
        {field('tag', 'Tags (all of)', { placeholder: 'beta, vip' })}
        {field('from', 'From', { type: 'datetime-local' })}
        {field('to', 'To', { type: 'datetime-local' })}
        {field('minLatencyMs', 'Latency from (ms)', { inputMode: 'decimal' })}
        {field('maxLatencyMs', 'Latency to (ms)', { inputMode: 'decimal' })}
        {field('minCost', 'Cost from ($)', { inputMode: 'decimal' })}
        {field('maxCost', 'Cost to ($)', { inputMode: 'decimal' })}
        {field('metadata', 'Metadata', { placeholder: 'plan=pro, region=eu' })}
        {field('score', 'Scores', { placeholder: 'helpfulness=0.5..1, user_feedback=false' })}
      </div>
      <p className="sl-visually-hidden" role="status">
        {active ? `${active} ${active === 1 ? 'filter' : 'filters'} applied` : 'No filters applied'}
      </p>
      {summary}
    </form>
  )
}
