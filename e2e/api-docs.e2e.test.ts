// The API reference page at /api/docs in Chromium: rendered from the server's OpenAPI document with
// files the server itself serves (no CDN: it works offline), under the page's own content security policy.
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser, type RunningCli, startCli } from './harness'

let sightline: RunningCli
let browser: BrowserContext

beforeAll(async () => {
  sightline = await startCli([])
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  expect(await sightline?.stop()).toBe(0)
})

it('renders the API reference with no request beyond the server, under its policy', async () => {
  const page = await browser.newPage()
  const requests: string[] = []
  const failures: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`))
  page.on('console', (m) => {
    if (m.type() === 'error') failures.push(m.text())
  })
  page.on('pageerror', (e) => failures.push(e.message))

  const res = await page.goto(`${sightline.url}/api/docs`)
  expect(res?.status()).toBe(200)
  const csp = res?.headers()['content-security-policy'] ?? ''
  expect(csp).toContain("script-src 'self'")
  expect(csp).toContain("connect-src 'self'")
  expect(csp).not.toContain('unsafe-eval')

  // An operation's summary, from the document the page fetched.
  await page.getByText('List traces: filters, sort and a keyset cursor').first().waitFor({ timeout: 30_000 })
  await page.getByText('OTLP/HTTP trace receiver (protobuf or JSON, optionally gzip)').first().waitFor()
  expect(await page.title()).toBe('Sightline API reference')

  // Opening an operation shows its parameters, described in words.
  await page.getByText('List traces: filters, sort and a keyset cursor').first().click()
  await page.getByText('More query parameters').first().waitFor()

  const origin = new URL(sightline.url).origin
  const network = requests.filter((u) => !u.startsWith('data:'))
  expect(network).toContain(`${origin}/api/v1/openapi.json`)
  expect(network.filter((u) => new URL(u).origin !== origin)).toEqual([])
  expect(failures, requests.join('\n')).toEqual([])
  await page.close()
})
