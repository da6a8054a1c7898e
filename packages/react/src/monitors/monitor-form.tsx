import { MONITOR_WINDOWS, SightlineError, type Channel, type Monitor, type MonitorInput } from '@sightline/core'
import { useId, useState, type ComponentPropsWithoutRef, type FormEvent, type ReactNode, type SyntheticEvent } from 'react'
import { cx } from '../utils/cx'
import { errorMessage } from '../utils/error-alert'
import { SelectMenu } from '../utils/select-menu'
import { BacktestChart } from './backtest-chart'
import type { BacktestRequest, BacktestResult } from './monitor-api'
import {
  draftToInput,
  EMPTY_MONITOR_DRAFT,
  monitorIssuesToErrors,
  monitorToDraft,
  SUGGESTED_METRICS,
  type MonitorDraft,
  type MonitorFormErrors,
} from './monitor-draft'
import { supportsAnomaly } from './monitor-format'

const DAY = 86_400_000
// Fields with a hint under them (aria-describedby names only elements that exist).
const HINTED = new Set(['metric', 'window', 'filter', 'groupBy', 'sensitivity', 'timeZone', 'minSamples', 'cooldownMinutes'])

export interface MonitorFormProps extends Omit<ComponentPropsWithoutRef<'form'>, 'children' | 'title' | 'onSubmit' | 'defaultValue'> {
  /** the monitor being edited, or a starting point for a new one */
  defaultValue?: Monitor | MonitorInput | undefined
  /** the channels a monitor can alert; without them the section says how to add one */
  channels?: readonly Channel[] | undefined
  /** "Save" with a valid input */
  onSubmit: (input: MonitorInput, event: SyntheticEvent) => void
  submitting?: boolean | undefined
  /** the failed save; a SightlineError's issues show beside their fields */
  error?: Error | string | null | undefined
  onCancel?: (() => void) | undefined
  /** "Preview" runs the unsaved monitor over the past; without it the preview section is left out */
  onBacktest?: ((request: BacktestRequest) => void) | undefined
  backtest?: BacktestResult | null | undefined
  backtesting?: boolean | undefined
  backtestError?: Error | string | null | undefined
  /** how far back the preview looks; 7 days by default */
  backtestDays?: number | undefined
  /** for tests and stories: the end of the preview period */
  now?: number | undefined
  timeZone?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * A monitor's settings: the metric and filter it watches, its window and groups, a threshold or
 * anomaly condition, and its channels, with a preview of when it would have fired drawn over the
 * metric. Data from props (see `ConnectedMonitorForm`).
 */
export function MonitorForm(props: MonitorFormProps) {
  const {
    defaultValue,
    channels,
    onSubmit,
    submitting = false,
    error = null,
    onCancel,
    onBacktest,
    backtest,
    backtesting = false,
    backtestError = null,
    backtestDays = 7,
    now,
    timeZone,
    headingLevel = 2,
    title = defaultValue && 'id' in defaultValue ? `Edit ${defaultValue.name}` : 'New monitor',
    className,
    ...rest
  } = props
  const id = useId()
  const Heading = `h${headingLevel}` as const
  const [draft, setDraft] = useState<MonitorDraft>(() => (defaultValue ? monitorToDraft(defaultValue) : EMPTY_MONITOR_DRAFT))
  const [local, setLocal] = useState<MonitorFormErrors>({})
  // What the shown preview was run with: a changed draft marks it out of date.
  const [previewed, setPreviewed] = useState<{ draft: string; condition: MonitorInput['condition'] } | null>(null)
  const server = error instanceof SightlineError ? monitorIssuesToErrors(error.issues) : {}
  const errors: Record<string, string | undefined> = { ...server, ...local }
  const general = error && !(error instanceof SightlineError && error.issues.length) ? errorMessage(error) : (server[''] ?? null)
  const set = <K extends keyof MonitorDraft>(key: K, value: MonitorDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const check = (): MonitorInput | null => {
    const parsed = draftToInput(draft)
    setLocal(parsed.ok ? {} : parsed.errors)
    return parsed.ok ? parsed.value : null
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = check()
    if (input && !submitting) onSubmit(input, event)
  }
  const preview = () => {
    const input = check()
    if (!input || !onBacktest || backtesting) return
    const end = now ?? Date.now()
    setPreviewed({ draft: JSON.stringify(draft), condition: input.condition })
    onBacktest({ monitor: input, from: new Date(end - backtestDays * DAY).toISOString(), to: new Date(end).toISOString() })
  }
  const stale = backtest && previewed !== null && previewed.draft !== JSON.stringify(draft)
  // A preview passed in without running it here (stories) is drawn against the draft's condition.
  const draftInput = draftToInput(draft)
  const chartCondition: MonitorInput['condition'] =
    previewed?.condition ?? (draftInput.ok ? draftInput.value.condition : { kind: 'anomaly', direction: 'both', sensitivity: 'medium' })

  const control = (key: string) => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby':
      [errors[key] && `${id}-${key}-error`, HINTED.has(key) && `${id}-${key}-hint`].filter(Boolean).join(' ') || undefined,
  })
  const field = (key: string, label: string, input: ReactNode, hint?: ReactNode) => (
    <div className="sl-monitor-form__field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {hint && (
        <span id={`${id}-${key}-hint`} className="sl-muted sl-monitor-form__hint">
          {hint}
        </span>
      )}
      {errors[key] && (
        <span id={`${id}-${key}-error`} className="sl-error-text sl-monitor-form__error">
          {errors[key]}
        </span>
      )}
    </div>
  )
  const text = (key: 'name' | 'metric' | 'groupBy' | 'value' | 'minSamples' | 'cooldownMinutes' | 'timeZone', extra: object = {}) => (
    <input {...control(key)} {...extra} className="sl-input" value={draft[key]} onChange={(e) => set(key, e.target.value)} />
  )
  const anomalyAllowed = supportsAnomaly(draft.window)

  return (
    <form
      {...rest}
      className={cx('sl-root sl-monitor-form', className)}
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      noValidate
      data-state={submitting ? 'submitting' : 'idle'}
    >
      <Heading id={`${id}-title`} className="sl-monitor-form__title">
        {title}
      </Heading>

      <fieldset className="sl-monitor-form__group">
        <legend>What to watch</legend>
        {field('name', 'Name', text('name', { placeholder: 'Error rate in production' }))}
        <div className="sl-monitor-form__row">
          {field(
            'metric',
            'Metric',
            <>
              {text('metric', { list: `${id}-metrics`, spellCheck: false })}
              <datalist id={`${id}-metrics`}>
                {SUGGESTED_METRICS.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
            </>,
            <>
              Any metric of the charts (<code>errorRate</code>, <code>latency.p95</code>, <code>cost.sum</code>…),{' '}
              <code>feedback.negativeRate</code> or <code>score.&lt;name&gt;.rate.&lt;value&gt;</code>.
            </>,
          )}
          {field(
            'window',
            'Window',
            <SelectMenu
              {...control('window')}
              value={draft.window}
              options={MONITOR_WINDOWS.map((w) => ({ value: w, label: w }))}
              onValueChange={(w) => set('window', w as MonitorDraft['window'])}
            />,
            'Checked each time a window closes. Anomalies need 1h or more.',
          )}
        </div>
        <div className="sl-monitor-form__row">
          {field(
            'filter',
            'Filter',
            <textarea
              {...control('filter')}
              className="sl-input"
              rows={2}
              value={draft.filter}
              placeholder="environment=production"
              onChange={(e) => set('filter', e.target.value)}
            />,
            'Trace filters, one key=value a line; blank for every trace.',
          )}
          {field(
            'groupBy',
            'Group by',
            text('groupBy', { placeholder: 'model' }),
            'One series per value (the busiest groups); blank for one.',
          )}
        </div>
      </fieldset>

      <fieldset className="sl-monitor-form__group" aria-describedby={errors.condition ? `${id}-condition-error` : undefined}>
        <legend>When to alert</legend>
        <div className="sl-monitor-form__kinds" role="radiogroup" aria-label="Condition">
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={draft.conditionKind === 'threshold'}
              onChange={() => set('conditionKind', 'threshold')}
            />{' '}
            Crosses a threshold
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={draft.conditionKind === 'anomaly'}
              onChange={() => set('conditionKind', 'anomaly')}
              aria-describedby={anomalyAllowed ? undefined : `${id}-anomaly-hint`}
            />{' '}
            Moves unusually far from its usual level
          </label>
          {!anomalyAllowed && draft.conditionKind === 'anomaly' && (
            <span id={`${id}-anomaly-hint`} className="sl-monitor-form__hint sl-flag">
              Pick a window of 1h or more for anomalies.
            </span>
          )}
        </div>
        {draft.conditionKind === 'threshold' ? (
          <div className="sl-monitor-form__row">
            {field(
              'op',
              'Alert when the value is',
              <SelectMenu
                {...control('op')}
                value={draft.op}
                options={[
                  { value: '>', label: 'above' },
                  { value: '<', label: 'below' },
                ]}
                onValueChange={(op) => set('op', op as MonitorDraft['op'])}
              />,
            )}
            <div className="sl-monitor-form__field">
              <label htmlFor={`${id}-value`}>Threshold</label>
              <input
                id={`${id}-value`}
                className="sl-input"
                inputMode="decimal"
                value={draft.value}
                onChange={(e) => set('value', e.target.value)}
                aria-invalid={errors.condition ? true : undefined}
                aria-describedby={[errors.condition && `${id}-condition-error`, `${id}-value-hint`].filter(Boolean).join(' ')}
              />
              <span id={`${id}-value-hint`} className="sl-muted sl-monitor-form__hint">
                In the metric's unit: rates as a share (0.05 = 5 %), latency in ms, cost in dollars.
              </span>
            </div>
          </div>
        ) : (
          <div className="sl-monitor-form__row">
            {field(
              'direction',
              'Direction',
              <SelectMenu
                {...control('direction')}
                value={draft.direction}
                options={[
                  { value: 'up', label: 'rises' },
                  { value: 'down', label: 'drops' },
                  { value: 'both', label: 'rises or drops' },
                ]}
                onValueChange={(v) => set('direction', v as MonitorDraft['direction'])}
              />,
            )}
            {field(
              'sensitivity',
              'Sensitivity',
              <SelectMenu
                {...control('sensitivity')}
                value={draft.sensitivity}
                options={[
                  { value: 'low', label: 'low (fewer alerts)' },
                  { value: 'medium', label: 'medium' },
                  { value: 'high', label: 'high (more alerts)' },
                ]}
                onValueChange={(v) => set('sensitivity', v as MonitorDraft['sensitivity'])}
              />,
              'Compared with the same hours of past weeks.',
            )}
            {field(
              'timeZone',
              'Time zone',
              text('timeZone', { placeholder: 'UTC', spellCheck: false, autoComplete: 'off' }),
              'Whose hours and weekdays count as "the same hour", e.g. Europe/Berlin.',
            )}
          </div>
        )}
        {errors.condition && (
          <span id={`${id}-condition-error`} className="sl-error-text sl-monitor-form__error">
            {errors.condition}
          </span>
        )}
        <div className="sl-monitor-form__row">
          {field(
            'minSamples',
            'Minimum samples',
            text('minSamples', { inputMode: 'numeric', placeholder: 'server default' }),
            'Fewer in a window is "too little data": it neither fires nor resolves.',
          )}
          {field(
            'cooldownMinutes',
            'Cooldown (minutes)',
            text('cooldownMinutes', { inputMode: 'numeric' }),
            'After firing, how long before it may fire again.',
          )}
        </div>
      </fieldset>

      <fieldset className="sl-monitor-form__group" aria-describedby={errors.channelIds ? `${id}-channelIds-error` : undefined}>
        <legend>Where to send alerts</legend>
        {channels?.length ? (
          <ul className="sl-monitor-form__channels">
            {channels.map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={draft.channelIds.includes(c.id)}
                    onChange={(e) =>
                      set('channelIds', e.target.checked ? [...draft.channelIds, c.id] : draft.channelIds.filter((x) => x !== c.id))
                    }
                  />{' '}
                  {c.name} <span className="sl-muted">({c.kind === 'slack' ? 'Slack' : 'webhook'})</span>
                  {c.disabledReason && <span className="sl-flag"> disabled</span>}
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="sl-muted">
            No channels yet: alerts still show in the monitor's timeline. Add a webhook or Slack channel to be told.
          </p>
        )}
        {errors.channelIds && (
          <span id={`${id}-channelIds-error`} className="sl-error-text sl-monitor-form__error">
            {errors.channelIds}
          </span>
        )}
        <label>
          <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} /> Active
        </label>
      </fieldset>

      {onBacktest && (
        <section className="sl-monitor-form__preview" aria-labelledby={`${id}-preview`} aria-busy={backtesting || undefined}>
          <div className="sl-monitor-form__preview-header">
            <h3 id={`${id}-preview`} className="sl-monitor-form__subtitle">
              Preview on the last {backtestDays} days
            </h3>
            <button type="button" className="sl-button" aria-disabled={backtesting || undefined} onClick={preview}>
              {backtesting ? 'Running…' : backtest ? 'Run again' : 'Preview'}
            </button>
          </div>
          {backtestError ? (
            <p role="alert" className="sl-error-text">
              Could not run the preview: {errorMessage(backtestError)}
            </p>
          ) : backtest ? (
            <>
              {stale && <p className="sl-flag">The settings changed since this preview: run it again.</p>}
              <BacktestChart result={backtest} metric={draft.metric} condition={chartCondition} timeZone={timeZone} />
            </>
          ) : (
            !backtesting && <p className="sl-muted">See when this monitor would have fired before saving it.</p>
          )}
        </section>
      )}

      {general && (
        <p role="alert" className="sl-error-text">
          Could not save the monitor: {general}
        </p>
      )}
      <div className="sl-monitor-form__actions">
        <button type="submit" className="sl-button sl-button--primary" aria-disabled={submitting || undefined}>
          {submitting ? 'Saving…' : 'Save monitor'}
        </button>
        {onCancel && (
          <button type="button" className="sl-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
