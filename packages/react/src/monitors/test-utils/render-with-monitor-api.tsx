import { createClient } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { SightlineProvider } from '../../provider/sightline-provider'

/** Renders a connected monitor part inside the provider, its client talking to `fetch` under /manage; no retries. */
export function renderWithMonitorApi(ui: ReactNode, fetch: typeof globalThis.fetch) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <SightlineProvider client={createClient({ baseUrl: '/manage', fetch })} queryClient={queryClient}>
      {ui}
    </SightlineProvider>,
  )
}
