import { describe, expect, it } from 'vitest'
import { usePlayground } from './harness'

const app = usePlayground()

describe('playground served by `sightline serve --demo --static`', () => {
  it('shows demo traces on the admin page and opens one', async () => {
    await app.page.goto(`${app.server.url}/#/admin`)
    const table = app.page.getByRole('grid', { name: 'Traces' })
    await table.locator('tbody tr[data-trace-id]').first().waitFor()
    expect(await table.locator('tbody tr[data-trace-id]').count()).toBeGreaterThanOrEqual(20)
    const first = table.locator('tbody tr[data-trace-id]').first()
    const id = await first.getAttribute('data-trace-id')
    await first.click()
    const detail = app.page.locator(`article[data-trace-id="${id}"]`)
    await detail.waitFor()
    expect(await detail.getByRole('heading').first().textContent()).toBeTruthy()
  })

  it('traces an assistant answer into the server, visible to the admin page', async () => {
    await app.page.goto(`${app.server.url}/#/assistant`)
    await app.page.getByLabel('Message').fill('How do I rotate my API key?')
    await app.page.getByRole('button', { name: 'Send' }).click()
    const answer = app.page.getByRole('log', { name: 'Conversation' }).locator('[data-trace-id]').last()
    await answer.waitFor()
    const traceId = await answer.getAttribute('data-trace-id')
    expect(traceId).toMatch(/^[0-9a-f]{32}$/)

    const res = await fetch(`${app.server.url}/api/v1/traces/${traceId}`, { headers: { authorization: `Bearer ${app.server.secretKey}` } })
    expect(res.status).toBe(200)
    const detail = (await res.json()) as { trace: { name: string; input: string; sessionId: string }; spans: unknown[] }
    expect(detail.trace).toMatchObject({ name: 'playground-chat', input: 'How do I rotate my API key?' })
    expect(detail.spans.length).toBeGreaterThanOrEqual(3)

    await app.page.goto(`${app.server.url}/#/admin`)
    await app.page.locator(`tr[data-trace-id="${traceId}"]`).waitFor()
  })

  it('runs every page under its content security policy, with nothing refused', async () => {
    const page = await app.browser.newPage()
    const refused: string[] = []
    page.on('console', (m) => m.text().includes('Content Security Policy') && refused.push(m.text()))
    const res = await page.goto(`${app.server.url}/#/assistant`)
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.getByLabel('Message').fill('Is there an audit log?')
    await page.getByRole('button', { name: 'Send', exact: true }).first().click()
    const answer = page.getByRole('log', { name: 'Conversation' }).locator('[data-trace-id]').last()
    await answer.locator('sightline-feedback').getByRole('button', { name: 'Helpful', exact: true }).click()
    for (const route of ['assistant-react', 'admin', 'monitoring', 'review', 'evaluators', 'datasets', 'alerts']) {
      await page.goto(`${app.server.url}/#/${route}`)
      await page.getByRole('heading', { level: 1 }).first().waitFor()
    }
    await page.goto('about:blank') // the page's beacons go out
    expect(refused).toEqual([])
    await page.close()
  })

  it('never ships the secret key to the browser', async () => {
    const html = await (await fetch(`${app.server.url}/`)).text()
    expect(html).not.toContain(app.server.secretKey)
    const token = (await (await fetch(`${app.server.url}/demo/token`)).json()) as { token: string }
    expect(token.token).toMatch(/^slt_/)
    const ingest = await fetch(`${app.server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(ingest.status).toBe(403)
  })
})
