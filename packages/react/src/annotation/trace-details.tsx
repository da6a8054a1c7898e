import type { TraceDetail } from '@sightline/core'
import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { JsonViewer, TraceViewer } from '../explorer'
import { cx } from '../utils/cx'

export interface TraceDetailsProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  detail: TraceDetail
  headingLevel?: 2 | 3 | 4 | 5 | undefined
}

/** The trace behind a queue item: totals, spans (tree, timeline, detail), tags and metadata. */
export const TraceDetails = forwardRef<HTMLElement, TraceDetailsProps>(function TraceDetails(
  { detail, headingLevel = 3, className, ...rest },
  ref,
) {
  const Heading = `h${headingLevel}` as const
  const { trace } = detail
  const hasMetadata = Object.keys(trace.metadata).length > 0
  return (
    <section aria-label="Trace details" {...rest} ref={ref} className={cx('sl-review-details', className)}>
      <TraceViewer.Root trace={trace} spans={detail.spans} scores={detail.scores} />
      {(trace.tags.length > 0 || hasMetadata) && (
        <div className="sl-review-details__meta">
          <Heading className="sl-review-conversation__title">Metadata</Heading>
          {trace.tags.length > 0 && (
            <ul className="sl-review-details__tags" aria-label="Tags">
              {trace.tags.map((tag) => (
                <li key={tag} className="sl-badge">
                  {tag}
                </li>
              ))}
            </ul>
          )}
          {hasMetadata && <JsonViewer value={trace.metadata} label="Trace metadata" />}
        </div>
      )}
    </section>
  )
})
