import {
  SightlineError,
  type ApiIssue,
  type EvaluatorField,
  type EvaluatorInput,
  type EvaluatorKind,
  type EvaluatorPreviewResult,
  type JsonValue,
} from '@sightline/core'
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { formatCost, formatLatency, formatTokens } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert, errorMessage } from '../utils/error-alert'
import { SelectMenu } from '../utils/select-menu'
import { useControllableState } from '../utils/use-controllable-state'
import {
  configKey,
  defaultConfig,
  EMPTY_EVALUATOR,
  formatFilter,
  formatJson,
  formatList,
  getConfigValue,
  issuesToFormErrors,
  parseFilter,
  parseJson,
  parseList,
  setConfigValue,
  validateEvaluator,
  type Parsed,
} from './evaluator-draft'
import { formatScoreValue, formatShare } from './evaluator-format'

/** Which trace (and, for span targets, which span) to try the evaluator on. */
export interface EvaluatorPreviewTarget {
  traceId: string
  spanId?: string | undefined
}

export interface EvaluatorFormProps
  extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'defaultValue' | 'onChange' | 'title' | 'children'> {
  /** the kinds to pick from, with their config fields */
  kinds?: readonly EvaluatorKind[] | undefined
  kindsLoading?: boolean | undefined
  kindsError?: Error | string | null | undefined
  onKindsRetry?: (() => void) | undefined
  /** the evaluator being written (controlled) */
  value?: EvaluatorInput | undefined
  defaultValue?: EvaluatorInput | undefined
  onValueChange?: ((value: EvaluatorInput) => void) | undefined
  /** the server's issues (a 400's `issues`), shown at their fields until the field changes */
  issues?: readonly ApiIssue[] | undefined
  /** a message for the form as a whole (a failed save without issues) */
  formError?: ReactNode
  /** runs with a value that passes the browser's checks; the server checks the rest */
  onSubmit?: ((value: EvaluatorInput, event: FormEvent<HTMLFormElement>) => void) | undefined
  submitting?: boolean | undefined
  submitLabel?: string | undefined
  /** "Try on this trace"; without it the preview section is left out */
  onPreview?: ((target: EvaluatorPreviewTarget, value: EvaluatorInput) => void) | undefined
  previewing?: boolean | undefined
  previewResult?: EvaluatorPreviewResult | null | undefined
  /** a failed preview: its message shows in the preview section, its issues at the fields */
  previewError?: Error | string | null | undefined
  defaultPreviewTraceId?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
  /** more actions after Save (Cancel…) */
  children?: ReactNode
}

const TOP_KEYS = ['name', 'kind', 'scoreName', 'target', 'filter', 'sampleRate', 'delaySeconds', 'active', 'maxRunsPerHour']

/**
 * Writes an evaluator: its kind (each with its own settings, generated from the kind's fields),
 * what it scores (score name, trace or generation, trace filters), how often (sample rate, delay,
 * hourly cap), and a preview that runs it on a chosen trace before it is saved.
 */
export function EvaluatorForm(props: EvaluatorFormProps) {
  const {
    kinds,
    kindsLoading = false,
    kindsError = null,
    onKindsRetry,
    value: valueProp,
    defaultValue = EMPTY_EVALUATOR,
    onValueChange,
    issues,
    formError,
    onSubmit,
    submitting = false,
    submitLabel = 'Save evaluator',
    onPreview,
    previewing = false,
    previewResult = null,
    previewError = null,
    defaultPreviewTraceId = '',
    headingLevel = 2,
    title = 'New evaluator',
    className,
    children,
    ...rest
  } = props
  const [value, setValue] = useControllableState<EvaluatorInput>({ prop: valueProp, defaultProp: defaultValue, onChange: onValueChange })
  const id = useId()
  const titleId = `${id}-title`
  const Heading = `h${headingLevel}` as const
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4' | 'h5'
  const formRef = useRef<HTMLFormElement>(null)
  const kind = kinds?.find((k) => k.kind === value.kind)
  const knownKeys = [...TOP_KEYS, ...(kind?.fields ?? []).map(configKey)]

  // Required-field messages appear once a save or preview was tried.
  const [attempted, setAttempted] = useState(false)
  // Text that does not parse (JSON, numbers, filters), by key; it blocks saving.
  const [parseErrors, setParseErrors] = useState<Record<string, string>>({})
  // Server messages stay until their field changes.
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set())
  const previewIssues = previewError instanceof SightlineError ? previewError.issues : undefined
  // biome-ignore lint/correctness/useExhaustiveDependencies: new server messages replace what was cleared
  useEffect(() => setCleared(new Set()), [issues, previewError])
  const serverErrors = issuesToFormErrors(issues?.length ? issues : previewIssues, knownKeys)
  const checks = validateEvaluator(value, kind)

  const errorOf = (key: string): string | undefined =>
    parseErrors[key] ?? (cleared.has(key) ? undefined : serverErrors[key]) ?? (attempted ? checks[key] : undefined)

  const touch = (key: string) => {
    if (serverErrors[key] && !cleared.has(key)) setCleared(new Set(cleared).add(key))
  }
  const update = (key: string, next: EvaluatorInput) => {
    touch(key)
    setValue(next)
  }
  const setField = <K extends keyof EvaluatorInput>(key: K, next: EvaluatorInput[K]) => {
    const copy = { ...value }
    if (next === undefined) delete copy[key]
    else copy[key] = next
    update(key, copy)
  }
  const setConfig = (field: EvaluatorField, next: JsonValue | undefined) =>
    update(configKey(field), { ...value, config: setConfigValue(value.config, field.name, next) })
  const setParseError = (key: string, error: string | null) =>
    setParseErrors((before) => {
      if ((before[key] ?? null) === error) return before
      const next = { ...before }
      if (error === null) delete next[key]
      else next[key] = error
      return next
    })
  const pickKind = (next: string) => {
    if (next === value.kind) return
    // Another kind's settings mean nothing to this one: start from its defaults.
    touch('kind')
    setParseErrors({})
    setValue({ ...value, kind: next, config: defaultConfig(kinds?.find((k) => k.kind === next)) })
  }

  /** Runs the browser's checks; focuses the first field at fault when they fail. */
  const check = (): boolean => {
    setAttempted(true)
    const keys = [...TOP_KEYS, ...(kind?.fields ?? []).map(configKey)]
    const failing = keys.find((key) => parseErrors[key] ?? checks[key])
    if (!failing) return true
    // After the messages render, so aria-invalid is in place.
    queueMicrotask(() => formRef.current?.querySelector<HTMLElement>(`[data-field-key="${CSS.escape(failing)}"] [data-sl-field]`)?.focus())
    return false
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (submitting || !check()) return
    setAttempted(false)
    onSubmit?.(value, event)
  }

  const fieldProps = (key: string) => ({ id: `${id}-${key}`, fieldKey: key, error: errorOf(key) })
  const otherErrors = [serverErrors[''], parseErrors['']].filter(Boolean)

  return (
    <form
      {...rest}
      ref={formRef}
      noValidate
      aria-labelledby={titleId}
      className={cx('sl-root sl-evaluator-form', className)}
      data-state={submitting ? 'submitting' : 'editing'}
      onSubmit={submit}
    >
      <Heading id={titleId} className="sl-evaluator-form__title">
        {title}
      </Heading>

      <Field {...fieldProps('name')} label="Name">
        {(control) => (
          <input
            {...control}
            type="text"
            className="sl-input"
            value={value.name}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setField('name', e.target.value)}
          />
        )}
      </Field>

      <fieldset
        className="sl-evaluator-form__group sl-evaluator-form__kinds"
        data-field-key="kind"
        aria-describedby={errorOf('kind') ? `${id}-kind-error` : undefined}
      >
        <legend>Kind</legend>
        {kinds?.length ? (
          <div className="sl-evaluator-kinds">
            {kinds.map((k, i) => {
              const checked = k.kind === value.kind
              return (
                <label key={k.kind} className="sl-evaluator-kind" data-state={checked ? 'checked' : 'unchecked'}>
                  <input
                    type="radio"
                    name={`${id}-kind`}
                    value={k.kind}
                    checked={checked}
                    data-sl-field={(value.kind ? checked : i === 0) ? '' : undefined}
                    aria-labelledby={`${id}-kind-${i}-label`}
                    aria-describedby={`${id}-kind-${i}-desc`}
                    aria-invalid={errorOf('kind') ? true : undefined}
                    onChange={() => pickKind(k.kind)}
                  />
                  <span id={`${id}-kind-${i}-label`} className="sl-evaluator-kind__label">
                    {k.label}
                  </span>
                  <span id={`${id}-kind-${i}-desc`} className="sl-evaluator-kind__description">
                    {k.description}
                    <span className="sl-evaluator-kind__meta">
                      {' '}
                      {k.dataType} score{k.needsExpected && ' · needs an expected output'}
                    </span>
                  </span>
                </label>
              )
            })}
          </div>
        ) : kindsError ? (
          <ErrorAlert className="sl-error-text" what="Could not load the evaluator kinds" error={kindsError} onRetry={onKindsRetry} />
        ) : kindsLoading ? (
          <p role="status">Loading evaluator kinds…</p>
        ) : (
          <p className="sl-muted">The server offers no evaluator kinds.</p>
        )}
        {errorOf('kind') && (
          <p id={`${id}-kind-error`} className="sl-evaluator-field__error">
            {errorOf('kind')}
          </p>
        )}
      </fieldset>

      {kind && kind.fields.length > 0 && (
        <fieldset className="sl-evaluator-form__group">
          <legend>{kind.label} settings</legend>
          {kind.fields.map((field) => (
            <ConfigField
              key={`${kind.kind}:${field.name}`}
              {...fieldProps(configKey(field))}
              field={field}
              value={getConfigValue(value.config, field.name)}
              onChange={(next) => setConfig(field, next)}
              onParseError={(error) => setParseError(configKey(field), error)}
            />
          ))}
        </fieldset>
      )}

      <fieldset className="sl-evaluator-form__group">
        <legend>What it scores</legend>
        <Field
          {...fieldProps('scoreName')}
          label="Score name"
          optional
          description="The name its scores get; the evaluator's name without it."
        >
          {(control) => (
            <input
              {...control}
              type="text"
              className="sl-input"
              value={value.scoreName ?? ''}
              placeholder={value.name || undefined}
              maxLength={200}
              autoComplete="off"
              onChange={(e) => setField('scoreName', e.target.value.trim() === '' ? undefined : e.target.value)}
            />
          )}
        </Field>
        <div className="sl-evaluator-field" data-field-key="target" role="radiogroup" aria-labelledby={`${id}-target-label`}>
          <span id={`${id}-target-label`} className="sl-evaluator-field__label">
            Scores
          </span>
          <div className="sl-evaluator-form__choices">
            {(
              [
                ['trace', 'Each trace', 'the whole exchange, input to final output'],
                ['generation', 'Each generation', 'every LLM call in a trace'],
                ['tool', 'Each tool call', 'every tool span in a trace'],
              ] as const
            ).map(([target, label, hint]) => (
              <label key={target} className="sl-evaluator-form__choice">
                <input
                  type="radio"
                  name={`${id}-target`}
                  value={target}
                  checked={(value.target ?? 'trace') === target}
                  onChange={() => setField('target', target)}
                />
                {label} <span className="sl-muted">— {hint}</span>
              </label>
            ))}
          </div>
        </div>
        <TextBufferField
          {...fieldProps('filter')}
          label="Only traces matching"
          optional
          description="key=value lines (e.g. environment=production), or a JSON object of trace-list filters. Empty: every trace."
          multiline
          rows={3}
          value={value.filter ?? undefined}
          format={formatFilter}
          parse={parseFilter}
          onChange={(next) => setField('filter', next)}
          onParseError={(error) => setParseError('filter', error)}
        />
      </fieldset>

      <fieldset className="sl-evaluator-form__group">
        <legend>When it runs</legend>
        <div className="sl-evaluator-form__row">
          <TextBufferField
            {...fieldProps('sampleRate')}
            label="Sample rate"
            description={`0 to 1: the share of matching traces scored (${formatShare(value.sampleRate ?? 1)}).`}
            inputMode="decimal"
            value={value.sampleRate ?? 1}
            format={String}
            parse={parseRequiredNumber}
            onChange={(next) => setField('sampleRate', next)}
            onParseError={(error) => setParseError('sampleRate', error)}
          />
          <TextBufferField
            {...fieldProps('delaySeconds')}
            label="Delay (seconds)"
            description="Quiet time after a trace's last change before it is scored."
            inputMode="numeric"
            value={value.delaySeconds ?? 10}
            format={String}
            parse={parseRequiredNumber}
            onChange={(next) => setField('delaySeconds', next)}
            onParseError={(error) => setParseError('delaySeconds', error)}
          />
          <TextBufferField
            {...fieldProps('maxRunsPerHour')}
            label="At most runs an hour"
            optional
            description="A cost guard: runs above it are skipped."
            inputMode="numeric"
            value={value.maxRunsPerHour ?? undefined}
            format={(n) => (n === undefined ? '' : String(n))}
            parse={parseOptionalNumber}
            onChange={(next) => setField('maxRunsPerHour', next ?? null)}
            onParseError={(error) => setParseError('maxRunsPerHour', error)}
          />
        </div>
        <div className="sl-evaluator-field sl-evaluator-field--check" data-field-key="active">
          <label>
            <input type="checkbox" checked={value.active ?? true} onChange={(e) => setField('active', e.target.checked)} /> Active: score
            new traces as they arrive
          </label>
        </div>
      </fieldset>

      {(formError || otherErrors.length > 0) && (
        <div role="alert" className="sl-evaluator-form__error">
          {formError}
          {otherErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <div className="sl-evaluator-form__actions">
        <button type="submit" className="sl-button sl-button--primary" aria-disabled={submitting || undefined}>
          {submitting ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>

      {onPreview && (
        <PreviewSection
          idPrefix={id}
          Heading={Sub}
          target={value.target ?? 'trace'}
          defaultTraceId={defaultPreviewTraceId}
          previewing={previewing}
          result={previewResult}
          error={previewError}
          onPreview={(target) => {
            if (!previewing && check()) onPreview(target, value)
          }}
        />
      )}
    </form>
  )
}

function parseRequiredNumber(text: string): Parsed<number> {
  const t = text.trim()
  if (t === '') return { ok: false, error: 'Enter a number' }
  const n = Number(t)
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'Not a number' }
}

function parseOptionalNumber(text: string): Parsed<number | undefined> {
  return text.trim() === '' ? { ok: true, value: undefined } : parseRequiredNumber(text)
}

// --- Fields -------------------------------------------------------------------------------------

interface ControlProps {
  id: string
  'data-sl-field': ''
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

interface FieldProps {
  id: string
  fieldKey: string
  label: string
  description?: string | undefined
  optional?: boolean | undefined
  error?: string | undefined
  children: (control: ControlProps) => ReactNode
}

/** A label, the control, its description and its message, wired together. */
function Field({ id, fieldKey, label, description, optional = false, error, children }: FieldProps) {
  const descId = `${id}-desc`
  const errorId = `${id}-error`
  return (
    <div className="sl-evaluator-field" data-field-key={fieldKey} data-invalid={error ? '' : undefined}>
      <label htmlFor={id} className="sl-evaluator-field__label">
        {label}
        {optional && <span className="sl-muted"> (optional)</span>}
      </label>
      {children({
        id,
        'data-sl-field': '',
        'aria-invalid': error ? true : undefined,
        'aria-describedby': cx(description && descId, error && errorId) || undefined,
      })}
      {description && (
        <p id={descId} className="sl-evaluator-field__description">
          {description}
        </p>
      )}
      {error && (
        <p id={errorId} className="sl-evaluator-field__error">
          {error}
        </p>
      )}
    </div>
  )
}

interface TextBufferFieldProps<T> extends Omit<FieldProps, 'children'> {
  value: T
  format: (value: T) => string
  parse: (text: string) => Parsed<T>
  onChange: (value: T) => void
  onParseError: (error: string | null) => void
  multiline?: boolean | undefined
  rows?: number | undefined
  mono?: boolean | undefined
  inputMode?: 'decimal' | 'numeric' | undefined
}

/**
 * A field typed as text that holds another value (a number, a list, JSON, filters). The text is
 * kept as typed ("0." is on its way to 0.5, half-written JSON does not parse yet); a value set
 * elsewhere replaces it.
 */
function TextBufferField<T>({
  value,
  format,
  parse,
  onChange,
  onParseError,
  multiline = false,
  rows = 4,
  mono = false,
  inputMode,
  ...field
}: TextBufferFieldProps<T>) {
  const [text, setText] = useState(() => format(value))
  const [parseError, setParseError] = useState<string | null>(null)
  const valueKey = JSON.stringify(value) ?? ''
  // biome-ignore lint/correctness/useExhaustiveDependencies: only outside changes of the value re-sync the text, not typing
  useEffect(() => {
    const parsed = parse(text)
    if (parsed.ok && (JSON.stringify(parsed.value) ?? '') === valueKey) return
    setText(format(value))
    setParseError(null)
    onParseError(null)
  }, [valueKey])
  const change = (next: string) => {
    setText(next)
    const parsed = parse(next)
    const error = parsed.ok ? null : parsed.error
    setParseError(error)
    onParseError(error)
    if (parsed.ok) onChange(parsed.value)
  }
  return (
    <Field {...field} error={parseError ?? field.error}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            className={cx('sl-input sl-evaluator-field__text', mono && 'sl-evaluator-field__text--mono')}
            rows={rows}
            spellCheck={mono ? false : undefined}
            value={text}
            onChange={(e) => change(e.target.value)}
          />
        ) : (
          <input
            {...control}
            type="text"
            inputMode={inputMode}
            className="sl-input"
            autoComplete="off"
            value={text}
            onChange={(e) => change(e.target.value)}
          />
        )
      }
    </Field>
  )
}

interface ConfigFieldProps {
  id: string
  fieldKey: string
  error?: string | undefined
  field: EvaluatorField
  value: JsonValue | undefined
  onChange: (value: JsonValue | undefined) => void
  onParseError: (error: string | null) => void
}

/** One setting of a kind, by its field type. */
function ConfigField({ id, fieldKey, error, field, value, onChange, onParseError }: ConfigFieldProps) {
  const common = { id, fieldKey, error, label: field.label, description: field.description, optional: !field.required }
  switch (field.type) {
    case 'string':
    case 'text':
      return (
        <Field {...common}>
          {(control) =>
            field.type === 'text' ? (
              <textarea
                {...control}
                className="sl-input sl-evaluator-field__text"
                rows={8}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(e.target.value === '' && !field.required ? undefined : e.target.value)}
              />
            ) : (
              <input
                {...control}
                type="text"
                className="sl-input"
                autoComplete="off"
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(e.target.value === '' && !field.required ? undefined : e.target.value)}
              />
            )
          }
        </Field>
      )
    case 'number':
      return (
        <TextBufferField
          {...common}
          inputMode="decimal"
          value={typeof value === 'number' ? value : undefined}
          format={(n) => (n === undefined ? '' : String(n))}
          parse={parseOptionalNumber}
          onChange={onChange}
          onParseError={onParseError}
        />
      )
    case 'boolean':
      return (
        <div className="sl-evaluator-field sl-evaluator-field--check" data-field-key={fieldKey} data-invalid={error ? '' : undefined}>
          <label>
            <input
              id={id}
              type="checkbox"
              data-sl-field=""
              checked={value === true}
              aria-invalid={error ? true : undefined}
              aria-describedby={cx(field.description && `${id}-desc`, error && `${id}-error`) || undefined}
              onChange={(e) => onChange(e.target.checked)}
            />{' '}
            {field.label}
          </label>
          {field.description && (
            <p id={`${id}-desc`} className="sl-evaluator-field__description">
              {field.description}
            </p>
          )}
          {error && (
            <p id={`${id}-error`} className="sl-evaluator-field__error">
              {error}
            </p>
          )}
        </div>
      )
    case 'enum': {
      const options = (field.options ?? []).map((o) => ({ value: o, label: o }))
      return (
        <Field {...common}>
          {(control) => (
            <SelectMenu
              {...control}
              value={typeof value === 'string' ? value : ''}
              options={field.required ? options : [{ value: '', label: 'Default' }, ...options]}
              onValueChange={(next) => onChange(next === '' ? undefined : next)}
            />
          )}
        </Field>
      )
    }
    case 'string-list':
      return (
        <TextBufferField
          {...common}
          description={field.description ?? 'One a line, or separated by commas.'}
          multiline
          rows={3}
          value={Array.isArray(value) ? value : undefined}
          format={formatList}
          parse={(text) => {
            const list = parseList(text)
            return { ok: true, value: list.length ? list : undefined }
          }}
          onChange={onChange}
          onParseError={onParseError}
        />
      )
    case 'json':
      return (
        <TextBufferField
          {...common}
          multiline
          mono
          rows={5}
          value={value}
          format={formatJson}
          parse={parseJson}
          onChange={onChange}
          onParseError={onParseError}
        />
      )
  }
}

// --- Preview ------------------------------------------------------------------------------------

interface PreviewSectionProps {
  idPrefix: string
  Heading: 'h3' | 'h4' | 'h5'
  target: NonNullable<EvaluatorInput['target']>
  defaultTraceId: string
  previewing: boolean
  result: EvaluatorPreviewResult | null
  error: Error | string | null
  onPreview: (target: EvaluatorPreviewTarget) => void
}

function PreviewSection({ idPrefix, Heading, target, defaultTraceId, previewing, result, error, onPreview }: PreviewSectionProps) {
  const [traceId, setTraceId] = useState(defaultTraceId)
  const [spanId, setSpanId] = useState('')
  const headingId = `${idPrefix}-preview`
  const canRun = traceId.trim() !== ''
  const run = () => {
    if (!canRun || previewing) return
    onPreview({ traceId: traceId.trim(), ...(target !== 'trace' && spanId.trim() && { spanId: spanId.trim() }) })
  }
  // Enter in these inputs tries the evaluator rather than saving it.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    run()
  }
  return (
    <section className="sl-evaluator-preview" aria-labelledby={headingId} aria-busy={previewing || undefined}>
      <Heading id={headingId} className="sl-evaluator-preview__title">
        Preview
      </Heading>
      <p className="sl-muted sl-evaluator-preview__hint">Runs the evaluator as written on one trace; no score is saved.</p>
      <div className="sl-evaluator-preview__inputs">
        <label htmlFor={`${idPrefix}-preview-trace`}>Trace id</label>
        <input
          id={`${idPrefix}-preview-trace`}
          type="text"
          className="sl-input"
          autoComplete="off"
          spellCheck={false}
          value={traceId}
          onChange={(e) => setTraceId(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {target !== 'trace' && (
          <>
            <label htmlFor={`${idPrefix}-preview-span`}>
              Span id <span className="sl-muted">(optional: the first {target === 'tool' ? 'tool span' : 'generation'} without it)</span>
            </label>
            <input
              id={`${idPrefix}-preview-span`}
              type="text"
              className="sl-input"
              autoComplete="off"
              spellCheck={false}
              value={spanId}
              onChange={(e) => setSpanId(e.target.value)}
              onKeyDown={onKeyDown}
            />
          </>
        )}
        <button type="button" className="sl-button" aria-disabled={!canRun || previewing || undefined} onClick={run}>
          {previewing ? 'Running…' : 'Try on this trace'}
        </button>
      </div>
      <div role="status" className="sl-visually-hidden">
        {previewing ? 'Running the evaluator…' : result && !error ? 'Preview finished.' : ''}
      </div>
      {error && !previewing ? (
        <p role="alert" className="sl-error-text">
          Preview failed: {errorMessage(error)}
        </p>
      ) : result && !previewing ? (
        <PreviewResult result={result} />
      ) : null}
    </section>
  )
}

function PreviewResult({ result }: { result: EvaluatorPreviewResult }) {
  const reasoningId = useId()
  return (
    <div className="sl-evaluator-preview__result" data-data-type={result.dataType}>
      <p className="sl-evaluator-preview__value">
        <span className="sl-muted">{result.scoreName}</span> <strong>{formatScoreValue(result.value)}</strong>
      </p>
      {result.comment && (
        <figure className="sl-evaluator-preview__reasoning" aria-labelledby={reasoningId}>
          <figcaption id={reasoningId}>Reasoning</figcaption>
          <blockquote>{result.comment}</blockquote>
        </figure>
      )}
      <dl className="sl-evaluator-preview__facts">
        <div>
          <dt>Duration</dt>
          <dd>{formatLatency(result.durationMs)}</dd>
        </div>
        {result.usage && (
          <div>
            <dt>Tokens</dt>
            <dd>
              {formatTokens(result.usage.input)} in · {formatTokens(result.usage.output)} out
            </dd>
          </div>
        )}
        {result.cost !== null && (
          <div>
            <dt>Cost</dt>
            <dd>{formatCost(result.cost)}</dd>
          </div>
        )}
        <div>
          <dt>Trace</dt>
          <dd>
            <code>{result.traceId}</code>
            {result.spanId && (
              <>
                {' '}
                / <code>{result.spanId}</code>
              </>
            )}
          </dd>
        </div>
      </dl>
    </div>
  )
}
