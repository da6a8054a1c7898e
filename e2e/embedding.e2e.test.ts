// Embedding from another origin, as a new user first does it: the pages are served by a separate
// loopback server, and the Sightline server's SIGHTLINE_ALLOWED_ORIGINS lists one of two such
// origins. From the other one, the feedback element must never thank for a vote the server did not
// get, and the panels must say which setting to change.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Score } from '@sightline/core'
import { build } from 'esbuild'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, ROOT, type RunningCli, startCli } from './harness'

const PUBLIC_KEY = 'pk-sl-embedding-test-public-000000000'

/** The panels page: a trace table on a view token, both taken from the URL. */
const PANELS = `
import { createRoot } from 'react-dom/client'
import { ConnectedTraceTable, SightlineProvider } from '@sightline/react'

const params = new URLSearchParams(location.search)
createRoot(document.getElementById('root')).render(
  <SightlineProvider baseUrl={params.get('server')} token={params.get('token')}>
    <ConnectedTraceTable live={false} />
  </SightlineProvider>,
)
`

/** Bundles the two pages' scripts from source, as an app would ship them. */
async function bundles(): Promise<Record<string, string>> {
  const element = await build({
    entryPoints: [join(ROOT, 'packages/feedback/src/script.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  })
  const panels = await build({
    // Resolved from the react package, so the page and the panels share its one copy of React.
    stdin: { contents: PANELS, loader: 'tsx', resolveDir: join(ROOT, 'packages/react') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  })
  return { '/feedback.js': element.outputFiles[0]!.text, '/panels.js': panels.outputFiles[0]!.text }
}

/** A loopback origin serving the test pages; each has its own port, so its own origin. */
async function pageServer(scripts: Record<string, string>): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const script = scripts[url.pathname]
    if (script) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    const page =
      url.pathname === '/panels.html' ? '<div id="root"></div><script type="module" src="/panels.js"></script>' : FEEDBACK_PAGE(url)
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="en"><title>embedding</title>${page}</html>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

const FEEDBACK_PAGE = (url: URL) =>
  `<script src="/feedback.js"></script>
   <sightline-feedback trace-id="${url.searchParams.get('trace')}" endpoint="${url.searchParams.get('server')}" public-key="${PUBLIC_KEY}"></sightline-feedback>`

let sightline: RunningCli
let browser: BrowserContext
let allowed: Awaited<ReturnType<typeof pageServer>>
let refused: Awaited<ReturnType<typeof pageServer>>
let viewToken: string

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${sightline.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${sightline.secretKey}`, 'content-type': 'application/json', ...init.headers },
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
const feedbackOn = async (traceId: string) => (await api<{ data: Score[] }>(`/api/v1/scores?traceId=${traceId}&source=feedback`)).data

beforeAll(async () => {
  const scripts = await bundles()
  allowed = await pageServer(scripts)
  refused = await pageServer(scripts)
  sightline = await startCli([], { SIGHTLINE_ALLOWED_ORIGINS: allowed.origin, SIGHTLINE_PUBLIC_KEY: PUBLIC_KEY })
  await api('/api/v1/ingest', { method: 'POST', body: JSON.stringify({ traces: [{ id: 'embedded-answer', name: 'embedded-chat' }] }) })
  viewToken = (await api<{ token: string }>('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ kind: 'view' }) })).token
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  expect(await sightline?.stop()).toBe(0)
  allowed?.server.close()
  refused?.server.close()
})

/** Opens the feedback page and records every text its live region ever shows. */
async function feedbackPage(origin: string, traceId: string): Promise<{ page: Page; warnings: string[] }> {
  const page = await browser.newPage()
  const warnings: string[] = []
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
  await page.goto(`${origin}/?trace=${traceId}&server=${encodeURIComponent(sightline.url)}`)
  await page.waitForFunction(() => document.querySelector('sightline-feedback')?.shadowRoot?.querySelector('[part=status]'))
  await page.evaluate(() => {
    const status = document.querySelector('sightline-feedback')!.shadowRoot!.querySelector('[part=status]')!
    const said: string[] = ((window as unknown as { said: string[] }).said = [])
    new MutationObserver(() => said.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true })
  })
  return { page, warnings }
}

const said = (page: Page) => page.evaluate(() => (window as unknown as { said: string[] }).said)
const statusText = (page: Page) => page.locator('sightline-feedback [part=status]').textContent()
const helpful = (page: Page) => page.getByRole('button', { name: 'Helpful', exact: true })

describe('embedding from an origin the server does not allow', () => {
  it('the feedback element never says thanks: it says saving, then that the vote was not sent, and un-presses', async () => {
    const { page, warnings } = await feedbackPage(refused.origin, 'refused-answer')
    await helpful(page).click()
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('Your feedback could not be sent')
    expect(await helpful(page).getAttribute('aria-pressed')).toBe('false')
    const seen = await said(page)
    expect(seen).toContain('Saving…')
    expect(seen.filter((text) => /thank/i.test(text))).toEqual([])
    // The page's developer is told what to change, once.
    expect(warnings.filter((w) => w.includes('SIGHTLINE_ALLOWED_ORIGINS'))).toEqual([
      `Sightline feedback refused: This page's origin (${refused.origin}) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS`,
    ])
    expect(await feedbackOn('refused-answer')).toEqual([])
    await page.close()
  })

  it('the trace table names the origin and SIGHTLINE_ALLOWED_ORIGINS instead of "Failed to fetch"', async () => {
    const page = await browser.newPage()
    await page.goto(`${refused.origin}/panels.html?server=${encodeURIComponent(sightline.url)}&token=${viewToken}`)
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('SIGHTLINE_ALLOWED_ORIGINS')
    expect(await alert.textContent()).toContain(
      `Could not load traces: This page's origin (${refused.origin}) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS`,
    )
    expect(await alert.textContent()).not.toContain('Failed to fetch')
    await page.close()
  })

  it('the server log says which origin was refused', () => {
    expect(sightline.output()).toContain(`refused a browser request from ${refused.origin}; add it to SIGHTLINE_ALLOWED_ORIGINS`)
  })
})

describe('embedding from an allowed origin', () => {
  it('the feedback element thanks once the server has the vote', async () => {
    const { page, warnings } = await feedbackPage(allowed.origin, 'allowed-answer')
    await helpful(page).click()
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('Thanks for your feedback')
    expect((await feedbackOn('allowed-answer')).map((s) => s.value)).toEqual([true])
    expect(await helpful(page).getAttribute('aria-pressed')).toBe('true')
    expect(warnings).toEqual([])
    await page.close()
  })

  it('the trace table shows the traces', async () => {
    const page = await browser.newPage()
    await page.goto(`${allowed.origin}/panels.html?server=${encodeURIComponent(sightline.url)}&token=${viewToken}`)
    await expect.poll(() => page.locator('tr[data-trace-id="embedded-answer"]').count(), { timeout: 15_000 }).toBe(1)
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.close()
  })
})
