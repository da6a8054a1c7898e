import type { Page as ApiPage, QueueItem, QueueStats, Score } from '@sightline/core'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, requirePlayground, type RunningCli, startCli } from './harness'

let server: RunningCli
let queueId: string
const browsers: BrowserContext[] = []

beforeAll(async () => {
  requirePlayground()
  server = await startCli(['--demo', '--static', 'playground/dist'])
  queueId = ((await (await fetch(`${server.url}/demo/config`)).json()) as { reviewQueueId: string }).reviewQueueId
})
afterAll(async () => {
  for (const b of browsers) await b.close()
  await server?.stop()
})

async function browser(): Promise<BrowserContext> {
  const b = await launchBrowser()
  browsers.push(b)
  return b
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.secretKey}` } })
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** Every item of the demo queue (with a status), following the cursor. */
async function queueItems(status?: string): Promise<QueueItem[]> {
  const items: QueueItem[] = []
  let cursor: string | null = null
  do {
    const params = new URLSearchParams({ limit: '100', ...(status && { status }), ...(cursor && { cursor }) })
    const page: ApiPage<QueueItem> = await api(`/api/v1/queues/${queueId}/items?${params}`)
    items.push(...page.data)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

const humanScores = async (traceId: string) => (await api<{ data: Score[] }>(`/api/v1/scores?traceId=${traceId}&source=human`)).data

/** The item on screen, or null once the queue has nothing left for this reviewer. */
async function currentTrace(page: Page): Promise<string | null> {
  const item = page.locator('article[data-trace-id]')
  const finished = page.getByText('Nothing left for you in this queue.')
  await item.or(finished).first().waitFor({ timeout: 20_000 })
  if (await finished.isVisible()) return null
  return item.getAttribute('data-trace-id')
}

/** Scores the item on screen with number keys and Enter; returns its trace id once the next one shows. */
async function reviewByKeyboard(page: Page, keys: string[]): Promise<string> {
  const traceId = await currentTrace(page)
  if (!traceId) throw new Error('the queue ran out of items')
  for (const key of keys) await page.keyboard.press(key)
  await page.keyboard.press('Enter')
  await expect.poll(() => currentTrace(page), { timeout: 20_000 }).not.toBe(traceId)
  return traceId
}

async function openReview(context: BrowserContext, reviewer: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${server.url}/#/review?reviewer=${reviewer}`)
  await page.getByRole('heading', { name: 'Negative feedback', level: 2 }).waitFor({ timeout: 20_000 })
  await currentTrace(page)
  return page
}

describe('annotation queue in Chromium', () => {
  it('a thumbs-down in the chat lands the trace in the review queue', async () => {
    const page = await (await browser()).newPage()
    await page.goto(`${server.url}/#/assistant`)
    const log = page.getByRole('log', { name: 'Conversation' })
    await page.getByLabel('Message').fill('Why did my export fail last night?')
    await page.getByRole('button', { name: 'Send', exact: true }).first().click()
    const answer = log.locator('[data-trace-id]').last()
    await answer.waitFor()
    const traceId = (await answer.getAttribute('data-trace-id'))!
    await answer.getByRole('button', { name: 'Not helpful', exact: true }).click()
    await expect.poll(async () => (await queueItems()).find((i) => i.traceId === traceId)?.status, { timeout: 20_000 }).toBe('pending')
    await page.close()
  })

  it('one reviewer scores three items by keyboard alone', async () => {
    const page = await openReview(await browser(), 'kim')
    // Focus is on the page, not on any control: keys alone do the work.
    const reviewed = [
      await reviewByKeyboard(page, ['1', '4']),
      await reviewByKeyboard(page, ['2', '3']),
      await reviewByKeyboard(page, ['3', '1']),
    ]
    expect(new Set(reviewed).size).toBe(3)
    const expected = [
      ['correct', 4],
      ['partly correct', 3],
      ['hallucinated', 1],
    ]
    for (const [i, traceId] of reviewed.entries()) {
      const scores = await humanScores(traceId)
      expect(scores.map((s) => [s.name, s.value, s.authorId]).sort()).toEqual(
        [
          ['quality', expected[i]![1], 'kim'],
          ['verdict', expected[i]![0], 'kim'],
        ].sort(),
      )
    }
    // K goes back to the last one, read-only.
    await page.keyboard.press('k')
    await page.getByText(/Reviewed earlier · 3 of 3/).waitFor()
    expect(await page.locator('article[data-trace-id]').getAttribute('data-trace-id')).toBe(reviewed[2])

    // The shortcuts dialog keeps focus while open and gives it back to its opener on Escape.
    const opener = page.getByRole('button', { name: 'Shortcuts' })
    await opener.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await dialog.waitFor()
    for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
      await page.keyboard.press(key)
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true)
    }
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => opener.evaluate((b) => b === document.activeElement)).toBe(true)
    await page.close()
  })

  it('two reviewers work the queue at once without collisions, and the server agrees', async () => {
    const [annPage, bobPage] = await Promise.all([browser().then((b) => openReview(b, 'ann')), browser().then((b) => openReview(b, 'bob'))])
    const work = async (page: Page, keys: string[]) => {
      const ids: string[] = []
      for (let i = 0; i < 4; i++) ids.push(await reviewByKeyboard(page, keys))
      return ids
    }
    const [ann, bob] = await Promise.all([work(annPage, ['1', '5']), work(bobPage, ['3', '2'])])
    expect(ann).toHaveLength(4)
    expect(bob).toHaveLength(4)
    expect(ann.filter((id) => bob.includes(id))).toEqual([])

    const done = await queueItems('done')
    const by = (reviewer: string) =>
      done
        .filter((i) => i.completedBy.includes(reviewer))
        .map((i) => i.traceId)
        .sort()
    expect(by('ann')).toEqual([...ann].sort())
    expect(by('bob')).toEqual([...bob].sort())
    const stats = await api<QueueStats>(`/api/v1/queues/${queueId}/stats`)
    expect(stats.reviewers.find((r) => r.reviewer === 'ann')).toMatchObject({ done: 4, skipped: 0 })
    expect(stats.reviewers.find((r) => r.reviewer === 'bob')).toMatchObject({ done: 4, skipped: 0 })
    expect(stats.counts.done).toBe(done.length)

    // Each page's statistics table says the same (a page refetches after its own reviews).
    const doneOf = (page: Page, reviewer: string) =>
      page.getByRole('table', { name: 'Reviewers' }).locator(`tr[data-reviewer="${reviewer}"] td`).first().textContent()
    await expect.poll(() => doneOf(annPage, 'ann'), { timeout: 20_000 }).toBe('4')
    await expect.poll(() => doneOf(bobPage, 'bob'), { timeout: 20_000 }).toBe('4')
    await Promise.all([annPage.close(), bobPage.close()])
  })

  it('the reviewers’ scores show up in the metrics API', async () => {
    const from = new Date(Date.now() - 15 * 86_400_000).toISOString()
    const metrics = await api<{ totals: Record<string, number | null> }>(
      `/api/v1/metrics?${new URLSearchParams({ metrics: 'score.quality.avg,score.verdict.distribution', from })}`,
    )
    // kim: 4, 3, 1; ann: 5 ×4; bob: 2 ×4 — every quality score in this run.
    const qualities = [4, 3, 1, 5, 5, 5, 5, 2, 2, 2, 2]
    expect(metrics.totals['score.quality.avg']).toBeCloseTo(qualities.reduce((a, b) => a + b) / qualities.length, 5)
    expect(metrics.totals).toMatchObject({
      'score.verdict.distribution.correct': 5,
      'score.verdict.distribution.partly correct': 1,
      'score.verdict.distribution.hallucinated': 5,
    })
  })
})
