import { useState } from 'react'
import { useTraceValues } from '../hooks/use-trace-values'
import { type SuggestedFilterField, TraceFilters, type TraceFiltersProps } from './trace-filters'

export type ConnectedTraceFiltersProps = Omit<TraceFiltersProps, 'onFieldInput'>

/**
 * The filter bar with suggestions from the server: the field in use offers the values seen on the
 * most recent traces this credential reads, narrowed by what is typed. `options` given by the host
 * come first.
 */
export function ConnectedTraceFilters({ options, ...props }: ConnectedTraceFiltersProps) {
  const [active, setActive] = useState<{ field: SuggestedFilterField; text: string } | null>(null)
  const { data } = useTraceValues(active?.field ?? null, active?.text.trim() ?? '')
  const fetched = data && active && data.field === active.field ? data.values.map((v) => v.value) : []
  const merged = active ? { ...options, [active.field]: [...new Set([...(options?.[active.field] ?? []), ...fetched])] } : options
  return <TraceFilters {...props} options={merged} onFieldInput={(field, text) => setActive({ field, text })} />
}
