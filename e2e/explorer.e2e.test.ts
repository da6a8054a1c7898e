import type { Page as ApiPage, SessionDetail, TraceSummary } from '@sightline/core'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { usePlayground } from './harness'

const app = usePlayground()
const { api } = app

/** What the focused element is: its span or trace id, role and selection. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return {
      role: el?.getAttribute('role') ?? el?.tagName.toLowerCase(),
      spanId: el?.dataset.spanId,
      traceId: el?.dataset.traceId,
      level: el?.getAttribute('aria-level'),
      selected: el?.getAttribute('aria-selected'),
      name: el?.querySelector('.sl-tree__name')?.textContent,
    }
  })

const rowsOf = (p: Page) => p.getByRole('grid', { name: 'Traces' }).locator('tbody tr[data-trace-id]')

describe('trace explorer in Chromium', () => {
  it('opens a trace from the table by keyboard and walks its span tree', async () => {
    await app.page.goto(`${app.server.url}/#/admin`)
    const rows = rowsOf(app.page)
    await rows.first().waitFor()
    const secondId = await rows.nth(1).getAttribute('data-trace-id')
    await rows.first().focus()
    await app.page.keyboard.press('ArrowDown')
    expect((await focused(app.page)).traceId).toBe(secondId)
    await app.page.keyboard.press('Enter')
    await expect.poll(() => app.page.url()).toContain(`trace=${secondId}`)

    const viewer = app.page.locator(`article[data-trace-id="${secondId}"]`)
    const tree = viewer.getByRole('tree', { name: 'Spans' })
    const items = tree.getByRole('treeitem')
    await items.first().waitFor()
    const count = await items.count()
    expect(count).toBeGreaterThanOrEqual(3)
    expect(await tree.getAttribute('data-span-count')).toBe(String(count))

    await items.first().focus()
    expect(await focused(app.page)).toMatchObject({ role: 'treeitem', level: '1' })
    await app.page.keyboard.press('ArrowDown')
    expect(await focused(app.page)).toMatchObject({ role: 'treeitem', level: '2' })
    await app.page.keyboard.press('End')
    const last = await focused(app.page)
    expect(last.spanId).toBe(await items.last().getAttribute('data-span-id'))
    await app.page.keyboard.press('Home')
    await app.page.keyboard.press('ArrowLeft') // collapse the root
    await expect.poll(() => items.count()).toBe(1)
    await app.page.keyboard.press('ArrowRight') // open it again
    await expect.poll(() => items.count()).toBe(count)
    await app.page.keyboard.press('ArrowRight') // to the first child
    await app.page.keyboard.press('ArrowDown')
    const chosen = await focused(app.page)
    expect(chosen.level).toBe('2')
    await app.page.keyboard.press('Enter')
    expect((await focused(app.page)).selected).toBe('true')
    await expect.poll(() => app.page.url()).toContain(`span=${encodeURIComponent(chosen.spanId!)}`)

    const detail = viewer.getByRole('region', { name: chosen.name! })
    await detail.waitFor()
    await detail.getByRole('heading', { name: /^Input/ }).waitFor()
    await expect.poll(() => detail.getAttribute('data-state')).toBe('ready')

    // The URL is a deep link to the span.
    await app.page.reload()
    await app.page.locator(`[role="treeitem"][data-span-id="${chosen.spanId}"][aria-selected="true"]`).waitFor()
    await app.page.getByRole('region', { name: chosen.name! }).waitFor()
  })

  it('shows the session of a trace and opens another turn from it', async () => {
    const { body: list } = await api<ApiPage<TraceSummary>>('/api/v1/traces?limit=200')
    let session: SessionDetail | null = null
    for (const t of list.data) {
      if (!t.sessionId) continue
      const { body } = await api<SessionDetail>(`/api/v1/sessions/${t.sessionId}`)
      if (body.traces.length >= 2) {
        session = body
        break
      }
    }
    expect(session).not.toBeNull()
    // A session of two turns at least, as found above.
    const first = session!.traces[0]!
    const second = session!.traces[1]!
    await app.page.goto(`${app.server.url}/#/admin?trace=${second.id}`)
    const view = app.page.getByRole('region', { name: `Session ${session!.session.id}` })
    const turns = view.getByRole('list', { name: 'Conversation' }).locator('li.sl-turn')
    await turns.first().waitFor()
    expect(await turns.count()).toBe(session!.traces.length)
    expect(await turns.nth(1).getAttribute('aria-current')).toBe('true')
    await view.getByRole('button', { name: 'Open trace of turn 1' }).click()
    await app.page.locator(`article[data-trace-id="${first.id}"]`).waitFor()
    expect(app.page.url()).toContain(`trace=${first.id}`)
  })

  it('a view token narrowed to one environment never shows another one', async () => {
    // The page asks for a staging-only token; its own filter asks for production, and must lose.
    await app.page.goto(`${app.server.url}/#/admin?viewerEnvironment=staging&environment=production`)
    const rows = rowsOf(app.page)
    await rows.first().waitFor()
    const environments = await rows.locator('.sl-col-environment').allTextContents()
    expect(environments.length).toBeGreaterThan(0)
    expect(new Set(environments)).toEqual(new Set(['staging']))

    const { body: token } = await api<{ token: string }>('/demo/token?environment=staging')
    const { body: prod } = await api<ApiPage<TraceSummary>>('/api/v1/traces?environment=production&limit=1')
    const { body: staging } = await api<ApiPage<TraceSummary>>('/api/v1/traces?environment=staging&limit=1')
    const productionId = prod.data[0]!.id
    expect((await api(`/api/v1/traces/${productionId}`, token.token)).status).toBe(404)
    expect((await api(`/api/v1/traces/${productionId}?fields=skeleton`, token.token)).status).toBe(404)
    expect((await api(`/api/v1/traces/${productionId}/spans/${productionId}-root`, token.token)).status).toBe(404)
    expect((await api(`/api/v1/traces/${staging.data[0]!.id}`, token.token)).status).toBe(200)
    const { body: seen } = await api<ApiPage<TraceSummary>>('/api/v1/traces?environment=production&limit=100', token.token)
    expect(seen.data.every((t) => t.environment === 'staging')).toBe(true)

    // A deep link to a production trace shows "not found", never the trace.
    await app.page.goto(`${app.server.url}/#/admin?viewerEnvironment=staging&trace=${productionId}`)
    await app.page.getByRole('heading', { name: 'Trace not found' }).waitFor()
    expect(await app.page.locator(`article[data-trace-id="${productionId}"]`).count()).toBe(0)
  })

  it('refuses an expired token', async () => {
    const { status, body } = await api<{ token: string }>('/demo/token?expiresIn=1')
    expect(status).toBe(200)
    await new Promise((r) => setTimeout(r, 2000))
    expect((await api('/api/v1/traces?limit=1', body.token)).status).toBe(401)
  })
})
