import { createClient } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { SightlineProvider } from '../../provider/sightline-provider'

/** Renders a connected part inside a provider whose client talks to `fetch`; no retries. */
export function renderWithClient(ui: ReactNode, fetch: typeof globalThis.fetch) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <SightlineProvider client={createClient({ baseUrl: '', fetch })} queryClient={queryClient}>
      {ui}
    </SightlineProvider>,
  )
}
