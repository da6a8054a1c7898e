import { useId, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { cx } from './cx'
import { ErrorAlert } from './error-alert'

export type ListState = 'loading' | 'error' | 'empty' | 'ready'

/** A list panel's state from what it holds: the list first, so a failed or slow refetch never blanks it. */
export function listState(items: readonly unknown[] | undefined, error: unknown, loading: boolean): ListState {
  if (items) return items.length ? 'ready' : 'empty'
  return error ? 'error' : loading ? 'loading' : 'empty'
}

export interface ListPanelProps extends Omit<ComponentPropsWithoutRef<'section'>, 'title' | 'children'> {
  title: ReactNode
  headingLevel: 2 | 3 | 4
  state: ListState
  /** what the list holds, in the plural: "Loading evaluators…" */
  what: string
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** beside the title once the list shows (its first action moves into `empty` before then) */
  action?: ReactNode
  /** between the header and the list, in every state (a failed action, a secret shown once) */
  notice?: ReactNode
  /** an empty list: what the list is for and how to start it */
  empty: ReactNode
  /** the list itself, labelled by the title (`titleId`) */
  children: (titleId: string) => ReactNode
}

/**
 * The frame every list panel shares: a titled section, then a loading line, an error with Retry, a
 * teaching empty state or the list. The panel keeps its list; the frame keeps the states alike.
 */
export function ListPanel(props: ListPanelProps) {
  const { title, headingLevel, state, what, error, onRetry, action, notice, empty, children, className, ...rest } = props
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  return (
    <section
      {...rest}
      className={cx('sl-root sl-list-panel', className)}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || undefined}
      data-state={state}
    >
      <div className="sl-list-panel__header">
        <Heading id={titleId} className="sl-list-panel__title">
          {title}
        </Heading>
        {state === 'ready' && action}
      </div>
      {notice}
      {state === 'loading' ? (
        <p role="status">Loading {what}…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what={`Could not load the ${what}`} error={error!} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <div className="sl-list-panel__empty">{empty}</div>
      ) : (
        children(titleId)
      )}
    </section>
  )
}
