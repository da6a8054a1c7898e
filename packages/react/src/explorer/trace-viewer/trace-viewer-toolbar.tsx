import type { ComponentPropsWithoutRef } from 'react'
import { formatCount } from '../../format/format'
import { cx } from '../../utils/cx'
import { useTraceViewerContext } from './context'

export type TraceViewerToolbarProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

/** Span search (filters the tree to matches and their parents, highlights them) and expand/collapse all. */
export function TraceViewerToolbar({ className, ...rest }: TraceViewerToolbarProps) {
  const { model, rows, search, setSearch, searchResult, filtering, expandAll, collapseAll, idPrefix } = useTraceViewerContext('Toolbar')
  const inputId = `${idPrefix}-search`
  const status = searchResult
    ? `${formatCount(searchResult.matches.size)} of ${formatCount(model.count)} spans match`
    : `${formatCount(model.count)} ${model.count === 1 ? 'span' : 'spans'}${rows.length < model.count ? `, ${formatCount(rows.length)} shown` : ''}`
  return (
    <div {...rest} className={cx('sl-trace-viewer__toolbar', className)}>
      <label htmlFor={inputId} className="sl-visually-hidden">
        Search spans
      </label>
      <input
        id={inputId}
        className="sl-input sl-trace-viewer__search"
        type="search"
        placeholder="Search spans by name, model, type"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search) {
            e.preventDefault()
            setSearch('')
          }
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <span className="sl-trace-viewer__count sl-muted" role="status">
        {status}
      </span>
      <span className="sl-trace-viewer__actions">
        <button type="button" className="sl-button" onClick={expandAll} disabled={filtering}>
          Expand all
        </button>
        <button type="button" className="sl-button" onClick={collapseAll} disabled={filtering}>
          Collapse all
        </button>
      </span>
    </div>
  )
}
