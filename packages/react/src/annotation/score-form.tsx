import type { ScoreConfig, ScoreValue } from '@sightline/core'
import { Toggle } from 'radix-ui'
import {
  forwardRef,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { cx } from '../utils/cx'
import { useControllableState } from '../utils/use-controllable-state'
import { EMPTY_DRAFT, fieldError, isRequired, numberKeyValues, validateDraft, type ScoreDraft, type ScoreErrors } from './score-draft'

export interface ScoreFormProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'defaultValue' | 'onChange' | 'onInvalid'> {
  /** the rubric: one field per config, in this order */
  configs: readonly ScoreConfig[]
  /** the answers (controlled) */
  value?: ScoreDraft | undefined
  defaultValue?: ScoreDraft | undefined
  onValueChange?: ((value: ScoreDraft) => void) | undefined
  /** messages from elsewhere (the server), by config id; shown until the field changes */
  errors?: ScoreErrors | undefined
  /** a message for the form as a whole */
  formError?: ReactNode
  /** runs with valid answers only; invalid ones show their messages and focus the first field at fault */
  onSubmit?: ((value: ScoreDraft, event: FormEvent<HTMLFormElement>) => void) | undefined
  /** runs instead of onSubmit when the answers do not pass */
  onInvalid?: ((errors: ScoreErrors) => void) | undefined
  /** show the answers without letting them change (an item reviewed earlier) */
  readOnly?: boolean | undefined
  /** the config number keys go to; marked with data-active */
  activeConfigId?: string | null | undefined
  /** the form's actions (submit, skip…), placed after the fields */
  children?: ReactNode
}

/** The digit shown on an option for the number key that picks it. */
function keyHint(config: ScoreConfig, value: ScoreValue): string | null {
  const values = numberKeyValues(config)
  const at = values ? values.indexOf(value) : -1
  return at >= 0 && at < 9 ? String(at + 1) : null
}

/**
 * A score form generated from score configs: numbers (input and slider, within min/max/step),
 * yes/no toggle buttons, option buttons (a radio group) and notes. Validation runs the server's own
 * rules before submitting; range problems show while typing.
 */
export const ScoreForm = forwardRef<HTMLFormElement, ScoreFormProps>(function ScoreForm(props, ref) {
  const {
    configs,
    value: valueProp,
    defaultValue = EMPTY_DRAFT,
    onValueChange,
    errors: givenErrors,
    formError,
    onSubmit,
    onInvalid,
    readOnly = false,
    activeConfigId = null,
    className,
    children,
    ...rest
  } = props
  const [value, setValue] = useControllableState<ScoreDraft>({ prop: valueProp, defaultProp: defaultValue, onChange: onValueChange })
  // Required-field messages appear only once a submit was tried; range messages at once.
  const [attempted, setAttempted] = useState(false)
  // Server messages stay until their field changes.
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set())
  // biome-ignore lint/correctness/useExhaustiveDependencies: new server messages clear what the reviewer had cleared
  useEffect(() => setCleared(new Set()), [givenErrors])
  const idPrefix = useId()
  const formRef = useRef<HTMLFormElement | null>(null)

  const change = (config: ScoreConfig, next: ScoreValue | undefined) => {
    if (readOnly) return
    const draft = { ...value }
    if (next === undefined) delete draft[config.id]
    else draft[config.id] = next
    setValue(draft)
    if (givenErrors?.[config.id]) setCleared(new Set(cleared).add(config.id))
  }

  const errorOf = (config: ScoreConfig): string | null =>
    (!cleared.has(config.id) && givenErrors?.[config.id]) || (readOnly ? null : fieldError(config, value, { requireAnswer: attempted }))

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (readOnly) return
    setAttempted(true)
    const errors = validateDraft(configs, value)
    const first = configs.find((c) => errors[c.id])
    if (first) {
      onInvalid?.(errors)
      formRef.current?.querySelector<HTMLElement>(`[data-config-id="${CSS.escape(first.id)}"] [data-sl-field]`)?.focus()
      return
    }
    setAttempted(false)
    onSubmit?.(value, event)
  }

  return (
    <form
      {...rest}
      ref={(el) => {
        formRef.current = el
        if (typeof ref === 'function') ref(el)
        else if (ref) ref.current = el
      }}
      noValidate
      className={cx('sl-score-form', className)}
      data-state={readOnly ? 'read-only' : 'editing'}
      onSubmit={submit}
    >
      {configs.map((config) => (
        <ScoreField
          key={config.id}
          id={`${idPrefix}-${config.id}`}
          config={config}
          value={value[config.id]}
          error={errorOf(config)}
          active={!readOnly && config.id === activeConfigId}
          readOnly={readOnly}
          onChange={(next) => change(config, next)}
        />
      ))}
      {formError && (
        <div role="alert" className="sl-score-form__error">
          {formError}
        </div>
      )}
      {children}
    </form>
  )
})

interface ScoreFieldProps {
  id: string
  config: ScoreConfig
  value: ScoreValue | undefined
  error: string | null
  active: boolean
  readOnly: boolean
  onChange: (value: ScoreValue | undefined) => void
}

function ScoreField({ id, config, value, error, active, readOnly, onChange }: ScoreFieldProps) {
  const labelId = `${id}-label`
  const descId = `${id}-desc`
  const errorId = `${id}-error`
  const describedBy = cx(config.description && descId, error && errorId) || undefined
  const optional = !isRequired(config)
  return (
    <div
      className="sl-score-field"
      data-config-id={config.id}
      data-type={config.dataType}
      data-active={active || undefined}
      data-invalid={error ? '' : undefined}
    >
      {config.dataType === 'numeric' || config.dataType === 'text' ? (
        <label id={labelId} htmlFor={`${id}-input`} className="sl-score-field__label">
          {config.name}
          {optional && <span className="sl-muted"> (optional)</span>}
        </label>
      ) : (
        <span id={labelId} className="sl-score-field__label">
          {config.name}
        </span>
      )}
      {config.description && (
        <p id={descId} className="sl-score-field__description">
          {config.description}
        </p>
      )}
      {config.dataType === 'numeric' ? (
        <NumericInput
          id={`${id}-input`}
          config={config}
          value={value}
          invalid={!!error}
          describedBy={describedBy}
          readOnly={readOnly}
          onChange={onChange}
        />
      ) : config.dataType === 'text' ? (
        <textarea
          id={`${id}-input`}
          data-sl-field=""
          className="sl-score-field__text"
          rows={3}
          maxLength={5000}
          value={typeof value === 'string' ? value : ''}
          readOnly={readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      ) : config.dataType === 'boolean' ? (
        <div role="group" aria-labelledby={labelId} aria-describedby={describedBy} className="sl-score-field__options">
          {([true, false] as const).map((option, i) => (
            <Toggle.Root
              key={String(option)}
              data-sl-pick=""
              data-sl-field={i === 0 ? '' : undefined}
              className="sl-score-option"
              aria-keyshortcuts={String(i + 1)}
              pressed={value === option}
              disabled={readOnly}
              onPressedChange={(pressed) => onChange(pressed ? option : undefined)}
            >
              <kbd aria-hidden="true">{i + 1}</kbd>
              {option ? 'Yes' : 'No'}
            </Toggle.Root>
          ))}
        </div>
      ) : (
        <OptionGroup
          config={config}
          value={value}
          labelId={labelId}
          describedBy={describedBy}
          invalid={!!error}
          readOnly={readOnly}
          onChange={onChange}
        />
      )}
      {error && (
        <p id={errorId} className="sl-score-field__error">
          {error}
        </p>
      )}
    </div>
  )
}

interface NumericInputProps {
  id: string
  config: ScoreConfig
  value: ScoreValue | undefined
  invalid: boolean
  describedBy: string | undefined
  readOnly: boolean
  onChange: (value: ScoreValue | undefined) => void
}

function NumericInput({ id, config, value, invalid, describedBy, readOnly, onChange }: NumericInputProps) {
  // The typed text is kept as typed ("4." is on its way to 4.5); a number set elsewhere replaces it.
  const [text, setText] = useState(typeof value === 'number' && Number.isFinite(value) ? String(value) : '')
  // biome-ignore lint/correctness/useExhaustiveDependencies: only outside changes of the value re-sync the text, not typing
  useEffect(() => {
    const shown = text.trim() === '' ? undefined : Number(text)
    if (value === undefined ? shown !== undefined : typeof value === 'number' && Number.isFinite(value) && shown !== value)
      setText(value === undefined ? '' : String(value))
    // Only outside changes of the value re-sync the text.
  }, [value])
  const slider = config.min != null && config.max != null
  const step = config.step ?? 'any'
  return (
    <div className="sl-score-field__number">
      <input
        id={id}
        data-sl-field=""
        type="number"
        inputMode="decimal"
        className="sl-score-field__input"
        min={config.min ?? undefined}
        max={config.max ?? undefined}
        step={step}
        value={text}
        readOnly={readOnly}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          setText(e.target.value)
          const t = e.target.value.trim()
          onChange(t === '' ? undefined : Number(t))
        }}
      />
      {slider && (
        // The slider is a mouse convenience beside the input, which keyboards and screen readers use.
        <input
          type="range"
          className="sl-score-field__slider"
          aria-hidden="true"
          tabIndex={-1}
          min={config.min!}
          max={config.max!}
          step={step}
          // Unset, the thumb is hidden (CSS): at the minimum it would look chosen.
          value={typeof value === 'number' && Number.isFinite(value) ? value : config.min!}
          data-state={value === undefined ? 'unset' : 'set'}
          disabled={readOnly}
          onChange={(e) => onChange(Number(e.target.value))}
        />
      )}
      {slider && (
        <span className="sl-score-field__range sl-muted">
          {config.min} to {config.max}
          {config.step != null && config.step !== 1 && `, steps of ${config.step}`}
          {value === undefined && !readOnly && <span className="sl-score-field__unset"> · not set yet</span>}
        </span>
      )}
    </div>
  )
}

interface OptionGroupProps {
  config: ScoreConfig
  value: ScoreValue | undefined
  labelId: string
  describedBy: string | undefined
  invalid: boolean
  readOnly: boolean
  onChange: (value: ScoreValue | undefined) => void
}

/**
 * Categories as option buttons with radio semantics: one tab stop, arrows move and pick. Not Radix
 * RadioGroup: it cancels Enter on its items, which here submits the review, and has no read-only state.
 */
function OptionGroup({ config, value, labelId, describedBy, invalid, readOnly, onChange }: OptionGroupProps) {
  const categories = config.categories ?? []
  const checkedAt = typeof value === 'string' ? categories.indexOf(value) : -1
  const tabbable = Math.max(checkedAt, 0)
  const refs = useRef<(HTMLButtonElement | null)[]>([])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (readOnly) return
    const delta = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key]
    if (!delta) return
    event.preventDefault()
    const n = categories.length
    const at = checkedAt < 0 ? (delta > 0 ? 0 : n - 1) : (checkedAt + delta + n) % n
    onChange(categories[at])
    refs.current[at]?.focus()
  }

  return (
    <div
      role="radiogroup"
      aria-labelledby={labelId}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      aria-readonly={readOnly || undefined}
      className="sl-score-field__options"
      onKeyDown={onKeyDown}
    >
      {categories.map((category, i) => {
        const hint = keyHint(config, category)
        return (
          <button
            key={category}
            ref={(el) => {
              refs.current[i] = el
            }}
            type="button"
            role="radio"
            data-sl-pick=""
            data-sl-field={i === tabbable ? '' : undefined}
            className="sl-score-option"
            aria-checked={value === category}
            aria-keyshortcuts={hint ?? undefined}
            data-state={value === category ? 'on' : 'off'}
            tabIndex={i === tabbable ? 0 : -1}
            aria-disabled={readOnly || undefined}
            onClick={() => !readOnly && onChange(category)}
          >
            {hint && <kbd aria-hidden="true">{hint}</kbd>}
            {category}
          </button>
        )
      })}
    </div>
  )
}
