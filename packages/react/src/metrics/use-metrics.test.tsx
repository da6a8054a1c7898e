import { createClient, type MetricsResponse } from '@sightline/core'
import { QueryClient } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { SightlineProvider } from '../provider/sightline-provider'
import { emptyRange } from './test-utils/fixtures'
import { useMetrics } from './use-metrics'

describe('useMetrics', () => {
  it('types its data', () => {
    expectTypeOf<ReturnType<typeof useMetrics>['data']>().toEqualTypeOf<MetricsResponse | undefined>()
  })

  it('fetches through the provider’s client, and not at all for a null query', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(emptyRange()), { status: 200 }))
    const client = createClient({ baseUrl: '', token: 'slt_view', fetch })
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <SightlineProvider client={client} queryClient={queryClient}>
        {children}
      </SightlineProvider>
    )
    const { result, rerender } = renderHook(
      ({ on }: { on: boolean }) => useMetrics(on ? { metrics: ['count'], groupBy: 'model', filters: { environment: 'staging' } } : null),
      {
        wrapper,
        initialProps: { on: false },
      },
    )
    expect(result.current.fetchStatus).toBe('idle')
    rerender({ on: true })
    await waitFor(() => expect(result.current.data?.interval).toBe('1d'))
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe('/api/v1/metrics?metrics=count&groupBy=model&environment=staging')
  })
})
