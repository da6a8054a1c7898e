import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, requirePlayground, type RunningCli, startCli } from './harness'

let server: RunningCli
let browser: BrowserContext
let page: Page

beforeAll(async () => {
  requirePlayground()
  server = await startCli(['--demo', '--static', 'playground/dist'])
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  const code = await server?.stop()
  expect(code).toBe(0)
  expect(server.output()).toContain('SIGTERM')
})

describe('playground served by `sightline serve --demo --static`', () => {
  it('shows demo traces on the admin page and opens one', async () => {
    await page.goto(`${server.url}/#/admin`)
    const table = page.getByRole('grid', { name: 'Traces' })
    await table.locator('tbody tr[data-trace-id]').first().waitFor()
    expect(await table.locator('tbody tr[data-trace-id]').count()).toBeGreaterThanOrEqual(20)
    const first = table.locator('tbody tr[data-trace-id]').first()
    const id = await first.getAttribute('data-trace-id')
    await first.click()
    const detail = page.locator(`article[data-trace-id="${id}"]`)
    await detail.waitFor()
    expect(await detail.getByRole('heading').first().textContent()).toBeTruthy()
  })

  it('traces an assistant answer into the server, visible to the admin page', async () => {
    await page.goto(`${server.url}/#/assistant`)
    await page.getByLabel('Message').fill('How do I rotate my API key?')
    await page.getByRole('button', { name: 'Send' }).click()
    const answer = page.getByRole('log', { name: 'Conversation' }).locator('[data-trace-id]').last()
    await answer.waitFor()
    const traceId = await answer.getAttribute('data-trace-id')
    expect(traceId).toMatch(/^[0-9a-f]{32}$/)

    const res = await fetch(`${server.url}/api/v1/traces/${traceId}`, { headers: { authorization: `Bearer ${server.secretKey}` } })
    expect(res.status).toBe(200)
    const detail = (await res.json()) as { trace: { name: string; input: string; sessionId: string }; spans: unknown[] }
    expect(detail.trace).toMatchObject({ name: 'playground-chat', input: 'How do I rotate my API key?' })
    expect(detail.spans.length).toBeGreaterThanOrEqual(3)

    await page.goto(`${server.url}/#/admin`)
    await page.locator(`tr[data-trace-id="${traceId}"]`).waitFor()
  })

  it('never ships the secret key to the browser', async () => {
    const html = await (await fetch(`${server.url}/`)).text()
    expect(html).not.toContain(server.secretKey)
    const token = (await (await fetch(`${server.url}/demo/token`)).json()) as { token: string }
    expect(token.token).toMatch(/^slt_/)
    const ingest = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(ingest.status).toBe(403)
  })
})
