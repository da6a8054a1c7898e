import type { Score, TraceSortField, TraceSummary } from '@sightline/core'
import type { ReactNode } from 'react'
import { formatCost, formatCount, formatLatency, formatTime, formatTokens, MISSING } from '../../format/format'
import { Hint } from '../../utils/hint'
import { FeedbackSummary, scoreText } from '../scores/score-list'

export const TRACE_TABLE_COLUMNS = [
  'time',
  'name',
  'input',
  'output',
  'user',
  'session',
  'environment',
  'release',
  'models',
  'latency',
  'tokens',
  'cost',
  'status',
  'feedback',
  'scores',
  'tags',
] as const
export type TraceTableColumn = (typeof TRACE_TABLE_COLUMNS)[number]

export const DEFAULT_TRACE_TABLE_COLUMNS: readonly TraceTableColumn[] = [
  'time',
  'name',
  'input',
  'user',
  'environment',
  'models',
  'latency',
  'tokens',
  'cost',
  'feedback',
  'status',
]

/** Columns whose cells need the traces' scores. */
export const SCORE_COLUMNS: ReadonlySet<TraceTableColumn> = new Set(['feedback', 'scores'])

export interface CellContext {
  /** undefined while not loaded */
  scores: readonly Score[] | undefined
  locale: string | undefined
  timeZone: string | undefined
}

export interface ColumnDef {
  title: string
  numeric?: boolean
  /** the server sort behind a clickable header */
  sort?: TraceSortField
  cell: (trace: TraceSummary, ctx: CellContext) => ReactNode
  /** text for the cell's tooltip (cut previews, lists) */
  tooltip?: (trace: TraceSummary) => string | undefined
}

const preview = (text: string | null) => (text ? text.slice(0, 200) : null)

export const COLUMN_DEFS: Record<TraceTableColumn, ColumnDef> = {
  time: {
    title: 'Time',
    sort: 'startTime',
    cell: (t, { locale, timeZone }) => (
      <time dateTime={t.startTime} title={formatTime(t.startTime, { locale, timeZone })}>
        {formatTime(t.startTime, { locale, timeZone, length: 'short' })}
      </time>
    ),
  },
  name: { title: 'Name', cell: (t) => t.name ?? <span className="sl-muted">{t.id}</span> },
  input: { title: 'Input', cell: (t) => preview(t.inputPreview) ?? MISSING, tooltip: (t) => t.inputPreview ?? undefined },
  output: { title: 'Output', cell: (t) => preview(t.outputPreview) ?? MISSING, tooltip: (t) => t.outputPreview ?? undefined },
  user: { title: 'User', cell: (t) => t.userId ?? MISSING },
  session: { title: 'Session', cell: (t) => t.sessionId ?? MISSING },
  environment: { title: 'Environment', cell: (t) => t.environment ?? MISSING },
  release: { title: 'Release', cell: (t) => [t.release, t.version].filter(Boolean).join(' · ') || MISSING },
  models: { title: 'Models', cell: (t) => t.models.join(', ') || MISSING, tooltip: (t) => t.models.join(', ') || undefined },
  latency: { title: 'Latency', numeric: true, sort: 'latencyMs', cell: (t) => formatLatency(t.latencyMs) },
  tokens: {
    title: 'Tokens',
    numeric: true,
    sort: 'totalTokens',
    cell: (t) => formatTokens(t.totalTokens),
    tooltip: (t) => `${formatCount(t.inputTokens)} in, ${formatCount(t.outputTokens)} out`,
  },
  cost: { title: 'Cost', numeric: true, sort: 'cost', cell: (t) => formatCost(t.cost) },
  status: {
    title: 'Status',
    cell: (t) => {
      const failed = t.errorCount > 0 ? `${t.errorCount} failed ${t.errorCount === 1 ? 'span' : 'spans'}` : ''
      const badge = (
        <span className="sl-badge" data-status={t.status}>
          {t.status === 'error' ? 'Error' : t.endTime === null ? 'Running' : 'OK'}
        </span>
      )
      if (!failed) return badge
      return (
        <>
          <Hint text={failed}>{badge}</Hint>
          <span className="sl-visually-hidden">, {failed}</span>
        </>
      )
    },
  },
  feedback: { title: 'Feedback', cell: (_, { scores }) => (scores ? <FeedbackSummary scores={scores} /> : MISSING) },
  scores: {
    title: 'Scores',
    cell: (_, { scores }) => {
      const others = scores?.filter((s) => s.source !== 'feedback') ?? []
      if (!others.length) return MISSING
      return (
        <span className="sl-chips">
          {others.slice(0, 3).map((s) => (
            <span key={s.id} className="sl-chip">
              {s.name}: {scoreText(s)}
            </span>
          ))}
          {others.length > 3 && <span className="sl-muted">+{others.length - 3}</span>}
        </span>
      )
    },
  },
  tags: {
    title: 'Tags',
    cell: (t) =>
      t.tags.length ? (
        <span className="sl-chips">
          {t.tags.map((tag) => (
            <span key={tag} className="sl-chip">
              {tag}
            </span>
          ))}
        </span>
      ) : (
        MISSING
      ),
    tooltip: (t) => t.tags.join(', ') || undefined,
  },
}
