import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Score } from '@sightline/core'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, requirePlayground, ROOT, type RunningCli, startCli } from './harness'

let server: RunningCli
let browser: BrowserContext

beforeAll(async () => {
  requirePlayground()
  server = await startCli(['--demo', '--static', 'playground/dist'])
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const feedbackOn = async (traceId: string): Promise<Score[]> => {
  const res = await fetch(`${server.url}/api/v1/scores?traceId=${traceId}&source=feedback`, {
    headers: { authorization: `Bearer ${server.secretKey}` },
  })
  return ((await res.json()) as { data: Score[] }).data
}

/** Sends a chat message and returns the new answer's trace id. */
async function ask(page: Page, message: string): Promise<string> {
  const log = page.getByRole('log', { name: 'Conversation' })
  const before = await log.locator('[data-trace-id]').count()
  await page.getByLabel('Message').fill(message)
  await page.getByRole('button', { name: 'Send', exact: true }).first().click()
  await expect.poll(() => log.locator('[data-trace-id]').count()).toBe(before + 1)
  return (await log.locator('[data-trace-id]').last().getAttribute('data-trace-id'))!
}

const answer = (page: Page, traceId: string) => page.getByRole('log', { name: 'Conversation' }).locator(`[data-trace-id="${traceId}"]`)

/** The accessible name of the focused element, looking through shadow roots. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    const labelled = (el as HTMLInputElement | null)?.labels?.[0]
    return (el?.getAttribute('aria-label') || labelled?.textContent || el?.textContent || '').trim()
  })

async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    if ((await focusedName(page)) === name) return
  }
  throw new Error(`Tab never reached "${name}"`)
}

describe('end-user feedback in Chromium', () => {
  it('votes with the mouse on the element and shows the vote in the admin page', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/#/assistant`)
    const traceId = await ask(page, 'Do you support single sign-on?')
    await answer(page, traceId).getByRole('button', { name: 'Helpful', exact: true }).click()
    await expect.poll(async () => (await feedbackOn(traceId)).map((s) => s.value), { timeout: 15_000 }).toEqual([true])
    await expect
      .poll(() => answer(page, traceId).getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed'))
      .toBe('true')
    // Thanks once the server has the vote.
    await expect
      .poll(() => answer(page, traceId).locator('sightline-feedback [part=status]').textContent())
      .toBe('Thanks for your feedback')

    await page.goto(`${server.url}/#/admin`)
    await page.locator(`tr[data-trace-id="${traceId}"]`).click()
    const scores = page.getByRole('list', { name: 'Scores' })
    await scores.locator('[data-score-id]').first().waitFor()
    await page.close()
  })

  it('thumbs-down → reason → comment by keyboard alone is stored once', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/#/assistant`)
    const traceId = await ask(page, 'Why was my card declined?')
    await page.getByLabel('Message').focus()
    await tabTo(page, 'Not helpful')
    await page.keyboard.press('Space')
    await tabTo(page, 'Wrong answer')
    await page.keyboard.press('Space')
    await tabTo(page, 'Comment (optional)')
    await page.keyboard.type('It quoted last year’s prices.')
    await tabTo(page, 'Send')
    await page.keyboard.press('Enter')
    await expect
      .poll(async () => (await feedbackOn(traceId)).map((s) => [s.value, s.comment, (s.metadata as { reasons?: string[] })?.reasons]), {
        timeout: 15_000,
      })
      .toEqual([[false, 'It quoted last year’s prices.', ['Wrong answer']]])
    await page.close()
  })

  it('votes with the React buttons', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/#/assistant-react`)
    const traceId = await ask(page, 'Where do nightly exports go?')
    await answer(page, traceId).getByRole('button', { name: 'Helpful', exact: true }).click()
    await expect.poll(async () => (await feedbackOn(traceId)).map((s) => s.value), { timeout: 15_000 }).toEqual([true])
    await page.close()
  })

  it('a vote made offline survives a reload and arrives exactly once when the network is back', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/#/assistant`)
    const traceId = await ask(page, 'Can I recover a deleted project?')
    await browser.setOffline(true)
    try {
      // The page must know it is offline before the vote, or it would try to send it.
      await page.waitForFunction(() => navigator.onLine === false)
      await answer(page, traceId).getByRole('button', { name: 'Helpful', exact: true }).click()
      // The vote is in the durable queue before anything is sent.
      expect(
        await page.evaluate(
          (id) =>
            Object.keys(localStorage).some(
              (k) => k.startsWith('sightline-feedback:') && !k.endsWith('votes') && (localStorage.getItem(k) ?? '').includes(id),
            ),
          traceId,
        ),
      ).toBe(true)
      // Reloading while offline only shows the browser's error page; the vote waits in storage.
      await page.reload().catch(() => {})
    } finally {
      await browser.setOffline(false)
    }
    await page.goto(`${server.url}/#/assistant`)
    await expect.poll(async () => (await feedbackOn(traceId)).length, { timeout: 30_000, interval: 250 }).toBe(1)
    await new Promise((r) => setTimeout(r, 1000))
    expect((await feedbackOn(traceId)).map((s) => [s.value, s.source])).toEqual([[true, 'feedback']])
    await page.close()
  })

  it('a vote the server never got while unreachable is delivered by a later page', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/#/assistant`)
    const traceId = await ask(page, 'How do I invite a teammate?')
    await page.route('**/api/v1/feedback**', (route) => route.abort('connectionrefused'))
    await answer(page, traceId).getByRole('button', { name: 'Not helpful', exact: true }).click()
    await page.goto('about:blank') // pagehide: the queued vote is also handed to sendBeacon
    await page.unroute('**/api/v1/feedback**')
    await page.goto(`${server.url}/#/assistant`)
    await expect.poll(async () => (await feedbackOn(traceId)).map((s) => s.value), { timeout: 30_000, interval: 250 }).toEqual([false])
    await page.close()
  })

  it('refuses a page on an origin that is not allowed', async () => {
    const script = readFileSync(join(ROOT, 'packages/feedback/dist/sightline-feedback.js'))
    const { publicKey } = (await (await fetch(`${server.url}/demo/config`)).json()) as { publicKey: string }
    const foreign: Server = createServer((req, res) => {
      if (req.url === '/sightline-feedback.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
      res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<!doctype html><script src="/sightline-feedback.js"></script>
         <sightline-feedback trace-id="foreign-trace" endpoint="${server.url}" public-key="${publicKey}"></sightline-feedback>`,
      )
    })
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r))
    const page = await browser.newPage()
    const refused: number[] = []
    page.on('response', (r) => r.url().includes('/api/v1/feedback') && refused.push(r.status()))
    try {
      await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`)
      await page.getByRole('button', { name: 'Helpful', exact: true }).click()
      // The element asks the server's health why the send failed: it says so and takes the vote back.
      const status = page.locator('sightline-feedback [part=status]')
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Your feedback could not be sent')
      expect(await page.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe('false')
      // Leaving the page would hand a queued vote to sendBeacon, which skips CORS: the server must refuse it.
      await page.goto('about:blank')
      const direct = await fetch(`${server.url}/api/v1/feedback?key=${publicKey}`, {
        method: 'POST',
        headers: { origin: `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`, 'content-type': 'text/plain' },
        body: JSON.stringify({ id: 'fb_x', traceId: 'foreign-trace', value: true }),
      })
      expect(direct.status).toBe(403)
      await new Promise((r) => setTimeout(r, 1000))
      expect(await feedbackOn('foreign-trace')).toEqual([])
      expect(refused.every((s) => s === 403)).toBe(true)
    } finally {
      await page.close()
      foreign.close()
    }
  })
})
