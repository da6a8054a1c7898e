import { useMemo } from 'react'
import { useSightlineClient } from '../provider/sightline-provider'
import { type MonitorApi, monitorApiOf } from './monitor-api'

/** The provider's client, as the monitor panels call it. */
export function useMonitorApi(): MonitorApi {
  const client = useSightlineClient()
  return useMemo(() => monitorApiOf(client), [client])
}
