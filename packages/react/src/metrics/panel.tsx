import { type ComponentPropsWithoutRef, type ReactNode, useId } from 'react'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'

export type HeadingLevel = 2 | 3 | 4 | 5 | 6
export type PanelState = 'loading' | 'error' | 'empty' | 'ready'

/** What every metric panel takes besides its data. */
export interface PanelStateProps {
  /** the first answer is on its way: a skeleton is shown */
  loading?: boolean
  error?: Error | string | null
  onRetry?: () => void
  /** shown when the range holds no data */
  emptyMessage?: ReactNode
  /** the panel title's heading level; 3 by default */
  headingLevel?: HeadingLevel
}

export const DEFAULT_EMPTY = 'No data in this range'

export function panelState(loading: boolean, error: Error | string | null | undefined, hasData: boolean, empty: boolean): PanelState {
  if (error && !hasData) return 'error'
  if (loading && !hasData) return 'loading'
  return empty ? 'empty' : 'ready'
}

interface PanelFrameProps extends Omit<ComponentPropsWithoutRef<'section'>, 'title'> {
  title: ReactNode
  /** for texts that need the title as a string (the loading announcement) */
  titleText: string
  state: PanelState
  error?: Error | string | null
  onRetry?: () => void
  emptyMessage?: ReactNode
  headingLevel?: HeadingLevel
  /** controls beside the title */
  actions?: ReactNode
  /** a newer answer is loading while the last one is shown */
  busy?: boolean
  children?: ReactNode
}

/** The frame of a metric panel: title, then a skeleton, an error, "no data" or the content. */
export function PanelFrame(props: PanelFrameProps) {
  const { title, titleText, state, error, onRetry, emptyMessage = DEFAULT_EMPTY, headingLevel = 3, actions, busy, className, children, ...rest } = props
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  return (
    <section
      {...rest}
      className={cx('sl-root sl-metric-panel', className)}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || busy || undefined}
      data-state={state}
    >
      <header className="sl-metric-panel__header">
        <Heading id={titleId} className="sl-metric-panel__title">
          {title}
        </Heading>
        {actions}
      </header>
      {state === 'loading' ? (
        <div className="sl-metric-panel__skeleton" role="status">
          <span className="sl-visually-hidden">Loading {titleText}…</span>
        </div>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-metric-panel__error" what="Could not load metrics" error={error ?? 'unknown error'} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <p className="sl-metric-panel__empty">{emptyMessage}</p>
      ) : (
        children
      )}
    </section>
  )
}
