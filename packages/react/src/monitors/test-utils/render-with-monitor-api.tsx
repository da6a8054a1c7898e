import { createClient } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { SightlineProvider } from '../../provider/sightline-provider'
import { createMonitorApi } from '../monitor-api'
import { MonitorApiProvider } from '../monitor-api-provider'

/** Renders a connected monitor part inside both providers, talking to `fetch`; no retries. */
export function renderWithMonitorApi(ui: ReactNode, fetch: typeof globalThis.fetch) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <SightlineProvider client={createClient({ baseUrl: '', fetch })} queryClient={queryClient}>
      <MonitorApiProvider api={createMonitorApi({ baseUrl: '/manage', fetch })}>{ui}</MonitorApiProvider>
    </SightlineProvider>,
  )
}
