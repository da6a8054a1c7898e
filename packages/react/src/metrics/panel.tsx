import { type ComponentPropsWithoutRef, type ReactNode, useId } from 'react'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { HintProvider } from '../utils/hint'

export type HeadingLevel = 2 | 3 | 4 | 5 | 6
type PanelState = 'loading' | 'error' | 'empty' | 'ready'

/** What every metric panel takes besides its data. */
export interface PanelStateProps {
  /** the first answer is on its way: a skeleton is shown */
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** shown when the range holds no data */
  emptyMessage?: ReactNode
  /** the panel title's heading level; 3 by default */
  headingLevel?: HeadingLevel | undefined
}

const DEFAULT_EMPTY = 'No data in this range'

function panelState(loading: boolean, error: Error | string | null | undefined, hasData: boolean, empty: boolean): PanelState {
  if (error && !hasData) return 'error'
  if (loading && !hasData) return 'loading'
  return empty ? 'empty' : 'ready'
}

interface PanelFrameProps extends Omit<ComponentPropsWithoutRef<'section'>, 'title'>, PanelStateProps {
  title: ReactNode
  /** for texts that need the title as a string (the loading announcement) */
  titleText: string
  /** there is an answer to show; while a newer one loads, the panel is busy, not a skeleton */
  hasData: boolean
  /** the answer holds nothing to show */
  empty: boolean
  /** what the panel measures ("LLM calls", "per trace"), under the title; also the panel's accessible description */
  subtitle?: ReactNode
  /** a note under the subtitle, e.g. what a grouping leaves out; part of the accessible description */
  note?: ReactNode
  /** controls beside the title */
  actions?: ReactNode
  children?: ReactNode
}

/**
 * The frame of a metric panel: title, then a skeleton, an error, "no data" or the content. It takes
 * the panel's own state props as they were given, so every panel shows its states the same way.
 */
export function PanelFrame(props: PanelFrameProps) {
  const {
    title,
    titleText,
    loading = false,
    error,
    onRetry,
    emptyMessage = DEFAULT_EMPTY,
    headingLevel = 3,
    hasData,
    empty,
    subtitle,
    note,
    actions,
    className,
    children,
    ...rest
  } = props
  const state = panelState(loading, error, hasData, empty)
  const busy = loading && hasData
  const titleId = useId()
  const subtitleId = useId()
  const noteId = useId()
  const describedBy = [subtitle ? subtitleId : '', note ? noteId : ''].filter(Boolean).join(' ')
  const Heading = `h${headingLevel}` as const
  return (
    <section
      {...rest}
      className={cx('sl-root sl-metric-panel', className)}
      aria-labelledby={titleId}
      aria-describedby={describedBy || undefined}
      aria-busy={state === 'loading' || busy || undefined}
      data-state={state}
    >
      <header className="sl-metric-panel__header">
        <div className="sl-metric-panel__heading">
          <Heading id={titleId} className="sl-metric-panel__title">
            {title}
          </Heading>
          {subtitle && (
            <p id={subtitleId} className="sl-metric-panel__subtitle">
              {subtitle}
            </p>
          )}
        </div>
        {actions}
      </header>
      {note && (
        <p id={noteId} className="sl-metric-panel__note" role="note">
          {note}
        </p>
      )}
      {state === 'loading' ? (
        <div className="sl-metric-panel__skeleton" role="status">
          <span className="sl-visually-hidden">Loading {titleText}…</span>
        </div>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-metric-panel__error" what="Could not load metrics" error={error ?? 'unknown error'} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <p className="sl-metric-panel__empty">{emptyMessage}</p>
      ) : (
        <HintProvider>{children}</HintProvider>
      )}
    </section>
  )
}
