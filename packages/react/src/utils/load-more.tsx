import { cx } from './cx'

export interface LoadMoreProps {
  hasMore: boolean | undefined
  loadingMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  className?: string | undefined
}

/** "Load more" under a paged list: shown while there is more, inert (not disabled, so it keeps focus) while loading. */
export function LoadMore({ hasMore, loadingMore, onLoadMore, className }: LoadMoreProps) {
  if (!hasMore || !onLoadMore) return null
  return (
    <button
      type="button"
      className={cx('sl-button sl-load-more', className)}
      aria-disabled={loadingMore || undefined}
      onClick={() => !loadingMore && onLoadMore()}
    >
      {loadingMore ? 'Loading…' : 'Load more'}
    </button>
  )
}
