import { QueryClient } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { SightlineProvider } from '../provider/sightline-provider'
import { axeViolations } from '../test-utils/axe'
import { useTraces } from '../traces/use-traces'
import { ErrorAlert, errorMessage } from './error-alert'

const SERVER = 'https://sightline.example'

function Traces() {
  const { error, refetch } = useTraces()
  return error ? <ErrorAlert what="Could not load traces" error={error} onRetry={() => void refetch()} /> : <p>loading</p>
}

describe('ErrorAlert', () => {
  it("names the setting to change when the server does not allow this page's origin, and does not retry", async () => {
    // Every API call fails as a CORS refusal does; the public health endpoint says why.
    const fetch = vi.fn(async (url: RequestInfo | URL) => {
      if (String(url) === `${SERVER}/api/health`)
        return Response.json({ status: 'ok', version: '0', storage: 'sqlite', origin: { value: location.origin, allowed: false } })
      throw new TypeError('Failed to fetch')
    })
    const { container } = render(
      <SightlineProvider baseUrl={SERVER} token="slt_view" fetch={fetch}>
        <Traces />
      </SightlineProvider>,
    )
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(
      `Could not load traces: This page's origin (${location.origin}) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS`,
    )
    expect(alert).not.toHaveTextContent(/^Could not load traces: Failed to fetch/)
    // Retrying cannot help until the server's setting changes.
    await new Promise((r) => setTimeout(r, 50))
    expect(fetch.mock.calls.filter(([url]) => String(url).includes('/api/v1/traces'))).toHaveLength(1)
    expect(await axeViolations(container)).toEqual([])
  })

  it('says a same-origin server could not be reached, never only "Failed to fetch"', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    // Without retries, which a network failure would otherwise get.
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    render(
      <SightlineProvider baseUrl="" token="slt_view" fetch={fetch} queryClient={queryClient}>
        <Traces />
      </SightlineProvider>,
    )
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(
      `Could not load traces: The Sightline server at ${location.origin} could not be reached (Failed to fetch)`,
    )
    // Same origin: CORS cannot be the cause, so health is not asked.
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('puts a bare fetch failure from elsewhere in words', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('The Sightline server could not be reached (Failed to fetch)')
    expect(errorMessage(new TypeError('NetworkError when attempting to fetch resource.'))).toMatch(/could not be reached/)
    expect(errorMessage(new TypeError('Load failed'))).toMatch(/could not be reached/)
    // Other errors keep their own words.
    expect(errorMessage(new TypeError("Cannot read properties of undefined (reading 'fetch')"))).toBe(
      "Cannot read properties of undefined (reading 'fetch')",
    )
    expect(errorMessage(new Error(''))).toBe('Error')
    expect(errorMessage('plain words')).toBe('plain words')
  })
})
