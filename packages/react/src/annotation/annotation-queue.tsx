import type { ClaimResponse, Score, ScoreConfig } from '@sightline/core'
import { Toggle } from 'radix-ui'
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from 'react'
import { ScoreList } from '../explorer'
import { formatTime } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { useControllableState } from '../utils/use-controllable-state'
import { LeaseCountdown, type LeaseState } from './lease-countdown'
import { QueueProgress } from './queue-progress'
import { EMPTY_DRAFT, numberKeyTarget, valueForNumberKey, type ScoreDraft, type ScoreErrors } from './score-draft'
import { ScoreForm } from './score-form'
import { ShortcutsDialog } from './shortcuts-dialog'
import { TraceConversation } from './trace-conversation'
import { TraceDetails } from './trace-details'

/**
 * `loading`: an item is on its way; `ready`: an item to review; `empty`: the queue has no items at
 * all; `finished`: nothing is left for this reviewer; `error`: the queue could not be worked.
 */
export type AnnotationQueueState = 'loading' | 'ready' | 'empty' | 'finished' | 'error'

/** Shown instead of the current item: one reviewed earlier in this session. */
export interface AnnotationHistoryPosition {
  /** 1-based, oldest first */
  index: number
  count: number
  outcome: 'done' | 'skipped'
  /** `saving` while the server has not confirmed it yet */
  status: 'saving' | 'saved'
}

export interface AnnotationSummary {
  done: number
  skipped: number
}

export interface AnnotationQueueProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'onSubmit'> {
  state: AnnotationQueueState
  queueName?: string | undefined
  /** the rubric */
  configs: readonly ScoreConfig[]
  /** the item shown with its trace */
  task?: ClaimResponse | null | undefined
  /** the answers (controlled); left out, the form keeps its own, reset per item */
  values?: ScoreDraft | undefined
  defaultValues?: ScoreDraft | undefined
  onValuesChange?: ((values: ScoreDraft) => void) | undefined
  /** field messages from the server, by config id */
  errors?: ScoreErrors | undefined
  /** why the last submit or skip did not go through */
  submitError?: ReactNode
  /** a passing message, e.g. that a lease was lost and the queue moved on */
  notice?: ReactNode
  /** what went wrong in the `error` state */
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  progress?: { done: number; total: number } | null | undefined
  lease?: { expiresAt: string | null; state?: LeaseState | undefined } | null | undefined
  /** below this many ms left the lease countdown warns; 60 s by default */
  leaseWarnBelowMs?: number | undefined
  /** a fixed "now" for the countdown (stories) */
  now?: number | undefined
  /** set when `task` is an item reviewed earlier: it is shown read-only */
  history?: AnnotationHistoryPosition | null | undefined
  canGoBack?: boolean | undefined
  canGoForward?: boolean | undefined
  /** K: the item reviewed before */
  onBack?: (() => void) | undefined
  /** J: forward again, up to the current item */
  onForward?: (() => void) | undefined
  /** Enter: runs with answers that passed validation */
  onSubmit?: ((values: ScoreDraft) => void) | undefined
  /** S */
  onSkip?: (() => void) | undefined
  /** offered beside `submitError` when the item cannot be finished (its lease was lost) */
  onMoveOn?: (() => void) | undefined
  /** the host's actions for the item's trace (e.g. "Add to dataset"), beside the form's buttons */
  itemActions?: ((task: ClaimResponse) => ReactNode) | undefined
  /** the `finished` state's figures */
  summary?: AnnotationSummary | null | undefined
  detailsOpen?: boolean | undefined
  defaultDetailsOpen?: boolean | undefined
  onDetailsOpenChange?: ((open: boolean) => void) | undefined
  shortcutsOpen?: boolean | undefined
  defaultShortcutsOpen?: boolean | undefined
  onShortcutsOpenChange?: ((open: boolean) => void) | undefined
  /** the queue title's level; the item's sections are one below. 2 by default */
  headingLevel?: 2 | 3 | 4 | undefined
  /** shortcuts also work while focus is on no control of the page (the page itself, a heading); true by default */
  documentShortcuts?: boolean | undefined
}

const TYPING_INPUTS = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
])

/** Keys typed here are text, not shortcuts. */
function isTyping(el: Element | null): boolean {
  if (!el) return false
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true
  if (el instanceof HTMLInputElement) return TYPING_INPUTS.has(el.type)
  return (el as HTMLElement).isContentEditable
}

/** Where keys belong to something else on the page. */
const OTHER_WIDGETS =
  'button, a[href], input, select, textarea, summary, [contenteditable=""], [contenteditable="true"], [role="dialog"], [role="menu"], [role="listbox"], [role="grid"], [role="tree"], [role="application"], [tabindex]:not([tabindex="-1"])'

/** Controls whose own Enter must keep working (buttons, links, disclosures, tree rows). */
function ownsEnter(el: Element | null): boolean {
  if (!el || el.closest('[data-sl-pick]')) return false
  return !!el.closest(
    'button, a[href], summary, [role="treeitem"], [role="button"], [role="tab"], [role="link"], select, input[type="checkbox"], input[type="radio"]',
  )
}

/**
 * The presentational review screen: the item's conversation (details one key away), the score
 * form and the queue's progress and lease. Everything works by keyboard: number keys pick, Enter
 * submits, S skips, J/K walk this session's history, D shows details, ? lists the shortcuts.
 * The data and the flow come from props (see `ConnectedAnnotationQueue` for the one that fetches).
 */
export function AnnotationQueue(props: AnnotationQueueProps) {
  const {
    state,
    queueName,
    configs,
    task = null,
    values: valuesProp,
    defaultValues = EMPTY_DRAFT,
    onValuesChange,
    errors,
    submitError,
    notice,
    error,
    onRetry,
    progress,
    lease,
    leaseWarnBelowMs = 60_000,
    now,
    history = null,
    canGoBack = false,
    canGoForward = false,
    onBack,
    onForward,
    onSubmit,
    onSkip,
    onMoveOn,
    itemActions,
    summary,
    detailsOpen: detailsOpenProp,
    defaultDetailsOpen = false,
    onDetailsOpenChange,
    shortcutsOpen: shortcutsOpenProp,
    defaultShortcutsOpen = false,
    onShortcutsOpenChange,
    headingLevel = 2,
    documentShortcuts = true,
    className,
    onKeyDown,
    ...rest
  } = props

  const [detailsOpen, setDetailsOpen] = useControllableState({
    prop: detailsOpenProp,
    defaultProp: defaultDetailsOpen,
    onChange: onDetailsOpenChange,
  })
  const [shortcutsOpen, setShortcutsOpen] = useControllableState({
    prop: shortcutsOpenProp,
    defaultProp: defaultShortcutsOpen,
    onChange: onShortcutsOpenChange,
  })
  const itemKey = task ? `${task.item.id}:${history?.index ?? 'live'}` : ''
  // Uncontrolled answers start empty for every item.
  const [ownValues, setOwnValues] = useState<{ key: string; values: ScoreDraft }>({ key: itemKey, values: defaultValues })
  const values = valuesProp ?? (ownValues.key === itemKey ? ownValues.values : EMPTY_DRAFT)
  const setValues = (next: ScoreDraft) => {
    if (valuesProp === undefined) setOwnValues({ key: itemKey, values: next })
    onValuesChange?.(next)
  }

  const [focusedConfigId, setFocusedConfigId] = useState<string | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const rootRef = useRef<HTMLElement>(null)
  const detailsRef = useRef<HTMLElement>(null)
  const titleId = useId()
  const Heading = `h${headingLevel}` as const

  const reviewing = state === 'ready' && !!task && !history
  const activeConfig = reviewing ? numberKeyTarget(configs, values, focusedConfigId) : null

  // A new item (or the end): keyboards continue from the queue's title when focus was lost with the
  // old one. Not on mount: the page's own focus is left alone.
  const mounted = useRef(false)
  // biome-ignore lint/correctness/useExhaustiveDependencies: it runs when the item or state changes, and reads the focus then
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true
      return
    }
    const active = document.activeElement
    if (!active || active === document.body || !active.isConnected) headingRef.current?.focus({ preventScroll: true })
  }, [itemKey, state])

  // Opened details come into view (they sit below the conversation and the form).
  useEffect(() => {
    if (detailsOpen) detailsRef.current?.scrollIntoView?.({ block: 'nearest' })
  }, [detailsOpen])

  const handleKey = (event: KeyboardEvent | ReactKeyboardEvent) => {
    const composing = 'nativeEvent' in event ? event.nativeEvent.isComposing : event.isComposing
    if (event.defaultPrevented || composing || shortcutsOpen) return
    const target = event.target as Element | null
    if (event.key === 'Enter') {
      if (!reviewing || event.altKey || event.shiftKey) return
      if (target instanceof HTMLTextAreaElement) {
        if (!(event.ctrlKey || event.metaKey)) return
      } else if (isTyping(target) || ownsEnter(target)) return // inputs submit natively; buttons click
      event.preventDefault()
      formRef.current?.requestSubmit()
      return
    }
    if (isTyping(target) || event.ctrlKey || event.metaKey || event.altKey) return
    const key = event.key
    let handled = true
    if (key === '?') setShortcutsOpen(true)
    else if ((key === 'd' || key === 'D') && task) setDetailsOpen(!detailsOpen)
    else if ((key === 's' || key === 'S') && reviewing && onSkip) onSkip()
    else if ((key === 'k' || key === 'K') && canGoBack && onBack) onBack()
    else if ((key === 'j' || key === 'J') && canGoForward && onForward) onForward()
    else if (/^[0-9]$/.test(key) && activeConfig) {
      const value = valueForNumberKey(activeConfig, Number(key))
      if (value === undefined) handled = false
      else setValues({ ...values, [activeConfig.id]: value })
    } else handled = false
    if (handled) event.preventDefault()
  }

  // With focus on no control (the page, a heading), keys still reach the queue.
  const latestHandleKey = useRef(handleKey)
  latestHandleKey.current = handleKey
  useEffect(() => {
    if (!documentShortcuts) return
    const listener = (event: KeyboardEvent) => {
      const target = event.target as Element | null
      if (!target || rootRef.current?.contains(target)) return // the root's own handler has it
      if (target === document.body || target === document.documentElement || !target.closest(OTHER_WIDGETS)) latestHandleKey.current(event)
    }
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [documentShortcuts])

  const itemHeadingLevel = Math.min(headingLevel + 1, 5) as 3 | 4 | 5

  return (
    <section
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || undefined}
      {...rest}
      ref={rootRef}
      className={cx('sl-root sl-review', className)}
      data-state={state}
      data-details={detailsOpen ? 'open' : 'closed'}
      data-history={history ? '' : undefined}
      onKeyDown={(event) => {
        onKeyDown?.(event)
        handleKey(event)
      }}
    >
      {/* Inert under the dialog: content it hides from screen readers must not take focus either. */}
      <div className="sl-review__main" inert={shortcutsOpen || undefined}>
        <header className="sl-review__header">
          <Heading id={titleId} ref={headingRef} tabIndex={-1} className="sl-review__title">
            {queueName ?? 'Review'}
          </Heading>
          {progress && <QueueProgress done={progress.done} total={progress.total} />}
          {lease && reviewing && (
            <LeaseCountdown expiresAt={lease.expiresAt} state={lease.state} warnBelowMs={leaseWarnBelowMs} now={now} />
          )}
          <div className="sl-review__tools">
            <Toggle.Root
              className="sl-button"
              pressed={detailsOpen}
              onPressedChange={setDetailsOpen}
              aria-keyshortcuts="D"
              disabled={!task}
            >
              Details <kbd aria-hidden="true">D</kbd>
            </Toggle.Root>
            <button
              type="button"
              className="sl-button"
              aria-haspopup="dialog"
              aria-keyshortcuts="Shift+?"
              onClick={() => setShortcutsOpen(true)}
            >
              Shortcuts <kbd aria-hidden="true">?</kbd>
            </button>
          </div>
        </header>
        <div role="status" className="sl-review__notice" data-empty={notice ? undefined : ''}>
          {notice}
        </div>

        {state === 'loading' ? (
          <div className="sl-review__skeleton" role="status">
            <span className="sl-visually-hidden">Loading the next item…</span>
            <div className="sl-review__skeleton-block" data-size="small" />
            <div className="sl-review__skeleton-block" />
            <div className="sl-review__skeleton-block" data-size="large" />
          </div>
        ) : state === 'error' ? (
          <ErrorAlert
            className="sl-review__error"
            what="Could not work this queue"
            error={error ?? 'Something went wrong.'}
            onRetry={onRetry}
          />
        ) : state === 'empty' ? (
          <div className="sl-review__empty">
            <p className="sl-review__empty-title">This queue has no items yet.</p>
            <p className="sl-muted">Items arrive as traces match the queue’s rules, or when someone adds them.</p>
            {onRetry && (
              <button type="button" className="sl-button" onClick={onRetry}>
                Check again
              </button>
            )}
          </div>
        ) : state === 'finished' || !task ? (
          <div className="sl-review__finished">
            <p className="sl-review__empty-title">Nothing left for you in this queue.</p>
            {summary && (
              <p>
                This session you scored {summary.done} {summary.done === 1 ? 'item' : 'items'}
                {summary.skipped > 0 && ` and skipped ${summary.skipped}`}.
              </p>
            )}
            <div className="sl-review__actions">
              {onRetry && (
                <button type="button" className="sl-button" onClick={onRetry}>
                  Check again
                </button>
              )}
              {onBack && (
                <button type="button" className="sl-button" disabled={!canGoBack} aria-keyshortcuts="K" onClick={onBack}>
                  Previous <kbd aria-hidden="true">K</kbd>
                </button>
              )}
            </div>
          </div>
        ) : (
          <div className="sl-review__body">
            <article
              className="sl-review__item"
              data-trace-id={task.item.traceId}
              data-item-id={task.item.id}
              aria-label={history ? `Item reviewed earlier, ${history.index} of ${history.count}` : 'Item to review'}
            >
              {history && (
                <p className="sl-review__history" data-status={history.status}>
                  Reviewed earlier · {history.index} of {history.count} · {history.outcome === 'done' ? 'scored' : 'skipped'}
                  {history.status === 'saving' ? ' · saving…' : ''} · read-only
                </p>
              )}
              <EndUserFeedback scores={task.trace.scores} headingLevel={itemHeadingLevel} />
              <p className="sl-review__item-meta sl-muted">
                {task.trace.trace.name && <span>{task.trace.trace.name} · </span>}
                <span>
                  Trace <code>{task.item.traceId}</code>
                </span>
                <span> · {formatTime(task.trace.trace.startTime, { length: 'short' })}</span>
              </p>
              <TraceConversation detail={task.trace} headingLevel={itemHeadingLevel} />
            </article>
            <div className="sl-review__form">
              <ScoreForm
                key={itemKey}
                ref={formRef}
                aria-label="Scores"
                configs={configs}
                value={values}
                onValueChange={setValues}
                errors={history ? undefined : errors}
                formError={history ? undefined : submitError}
                readOnly={!!history}
                activeConfigId={activeConfig?.id ?? null}
                onSubmit={(v) => onSubmit?.(v)}
                onFocus={(e) =>
                  setFocusedConfigId((e.target as Element).closest<HTMLElement>('[data-config-id]')?.dataset.configId ?? null)
                }
                onBlur={() => setFocusedConfigId(null)}
              >
                <div className="sl-review__actions">
                  {!history && (
                    <>
                      <button type="submit" className="sl-button sl-button--primary" aria-keyshortcuts="Enter">
                        Submit <kbd aria-hidden="true">Enter</kbd>
                      </button>
                      {onSkip && (
                        <button type="button" className="sl-button" aria-keyshortcuts="S" onClick={onSkip}>
                          Skip <kbd aria-hidden="true">S</kbd>
                        </button>
                      )}
                      {onMoveOn && submitError && (
                        <button type="button" className="sl-button" onClick={onMoveOn}>
                          Next item
                        </button>
                      )}
                    </>
                  )}
                  {itemActions?.(task)}
                  {(onBack || onForward) && (
                    <span className="sl-review__history-nav">
                      <button type="button" className="sl-button" disabled={!canGoBack} aria-keyshortcuts="K" onClick={onBack}>
                        Previous <kbd aria-hidden="true">K</kbd>
                      </button>
                      <button type="button" className="sl-button" disabled={!canGoForward} aria-keyshortcuts="J" onClick={onForward}>
                        Forward <kbd aria-hidden="true">J</kbd>
                      </button>
                    </span>
                  )}
                </div>
              </ScoreForm>
            </div>
            {detailsOpen && (
              <TraceDetails ref={detailsRef} detail={task.trace} headingLevel={itemHeadingLevel} className="sl-review__details" />
            )}
          </div>
        )}
      </div>
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </section>
  )
}

/** What the end user said about the trace (vote, reasons, comment): usually why the item is in the queue. */
function EndUserFeedback({ scores, headingLevel }: { scores: readonly Score[]; headingLevel: 3 | 4 | 5 }) {
  const feedback = scores.filter((s) => s.source === 'feedback')
  const titleId = useId()
  if (feedback.length === 0) return null
  const Heading = `h${headingLevel}` as const
  return (
    <section className="sl-review__why" aria-labelledby={titleId}>
      <Heading id={titleId} className="sl-review__why-title">
        What the user said
      </Heading>
      <ScoreList scores={feedback} label="End-user feedback" />
    </section>
  )
}
