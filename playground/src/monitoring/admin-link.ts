import { traceListQueryToParams, type TraceFilters } from '@sightline/core'

/** The admin page showing the traces behind a filter: `#/admin?environment=staging&from=…&to=…`. */
export function adminHref(filter: TraceFilters): string {
  const params = traceListQueryToParams(filter)
  return params.size ? `#/admin?${params}` : '#/admin'
}
