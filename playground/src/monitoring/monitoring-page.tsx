import { GROUP_BY_FIELDS, type GroupBy, TIME_RANGES, type TimeRangePreset, type TraceFilters } from '@sightline/core'
import { DEFAULT_GROUP_BY_OPTIONS, type GroupByOption, MonitoringDashboard, SightlineProvider } from '@sightline/react'
import { useState } from 'react'
import { useHashParams } from '../shared/hash-params'
import { createTokenSource, fetchViewToken } from '../shared/view-token'
import { adminHref } from './admin-link'
import './monitoring.css'

/** The demo data's scores worth charting (user feedback has its own panels). */
const SCORE_NAMES = ['helpfulness']
const GROUP_BY_OPTIONS: readonly GroupByOption[] = [...DEFAULT_GROUP_BY_OPTIONS, { value: 'metadata.plan', label: 'Plan (metadata)' }]

function parseRange(value: string | null): TimeRangePreset {
  return (TIME_RANGES as readonly string[]).includes(value ?? '') ? (value as TimeRangePreset) : '7d'
}

function parseGroupBy(value: string | null): GroupBy | null {
  if (!value) return null
  return (GROUP_BY_FIELDS as readonly string[]).includes(value) || /^(metadata|score)\..+/.test(value) ? (value as GroupBy) : null
}

/**
 * The monitoring dashboard on the demo data, through the same short-lived view token as the admin
 * page. Range and grouping live in the hash (`#/monitoring?range=7d&groupBy=environment`), so the
 * back button returns to the same view; a picked group or point opens the admin page on its traces.
 */
export function MonitoringPage() {
  const [getToken] = useState(() => createTokenSource(() => fetchViewToken()))
  const [params, setParams] = useHashParams('monitoring')
  const range = parseRange(params.get('range'))
  const groupBy = parseGroupBy(params.get('groupBy'))

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }
  const openTraces = (filter: TraceFilters) => {
    window.location.hash = adminHref(filter)
  }

  return (
    <SightlineProvider baseUrl="" getToken={getToken}>
      <section className="pg-monitoring" aria-labelledby="monitoring-title">
        <div className="pg-page-header">
          <h1 id="monitoring-title" tabIndex={-1}>
            Monitoring
          </h1>
        </div>
        <MonitoringDashboard
          range={range}
          onRangeChange={(r) => set('range', r)}
          groupBy={groupBy}
          onGroupByChange={(g) => set('groupBy', g)}
          groupByOptions={GROUP_BY_OPTIONS}
          scoreNames={SCORE_NAMES}
          onFilter={openTraces}
        />
      </section>
    </SightlineProvider>
  )
}
