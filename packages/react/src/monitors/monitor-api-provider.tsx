import { createContext, useContext, type ReactNode } from 'react'
import type { MonitorApi } from './monitor-api'

const MonitorApiContext = createContext<MonitorApi | null>(null)

export interface MonitorApiProviderProps {
  /** from `createMonitorApi({ baseUrl, … })` */
  api: MonitorApi
  children?: ReactNode
}

/**
 * Gives the monitor panels their API, inside a `<SightlineProvider>` (whose query cache they share).
 * A stopgap until the core client has monitor methods.
 */
export function MonitorApiProvider({ api, children }: MonitorApiProviderProps) {
  return <MonitorApiContext.Provider value={api}>{children}</MonitorApiContext.Provider>
}

/** The nearest `<MonitorApiProvider>`'s API. */
export function useMonitorApi(caller = 'useMonitorApi'): MonitorApi {
  const api = useContext(MonitorApiContext)
  if (!api)
    throw new Error(
      `${caller} must be used inside <MonitorApiProvider api={createMonitorApi({ baseUrl })}> (itself inside <SightlineProvider>).`,
    )
  return api
}
