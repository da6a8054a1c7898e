import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ROOT, usePlayground } from './harness'

const app = usePlayground()
const ROUTES = ['assistant', 'assistant-react', 'admin', 'monitoring', 'review', 'evaluators', 'datasets', 'alerts']
// axe-core as the React package's tests use it, run inside the page.
const AXE = readFileSync(createRequire(join(ROOT, 'packages/react/package.json')).resolve('axe-core/axe.min.js'), 'utf8')

async function open(page: Page, route: string, theme: 'light' | 'dark' = 'light') {
  await page.goto(`${app.server.url}/#/`)
  await page.evaluate((t) => localStorage.setItem('sightline-playground-theme', t), theme)
  await page.goto(`${app.server.url}/#/${route}`)
  await page.reload()
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  // The page's own content: lazy pages show their main panel once loaded.
  await page.waitForLoadState('networkidle')
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The first trace of the list, for pages that show one. */
async function firstTraceId(): Promise<string> {
  const { body } = await app.api<{ data: { id: string }[] }>('/api/v1/traces?limit=1')
  return body.data[0]!.id
}

describe('layout in Chromium', () => {
  it('at 1440×900 a selected trace shows its span tree without scrolling the page', async () => {
    await app.page.setViewportSize({ width: 1440, height: 900 })
    await open(app.page, 'admin')
    const rows = app.page.getByRole('grid', { name: 'Traces' }).locator('tbody tr[data-trace-id]')
    await rows.nth(2).click()
    const tree = app.page.getByRole('tree', { name: 'Spans' })
    await tree.getByRole('treeitem').first().waitFor()
    const first = (await tree.getByRole('treeitem').first().boundingBox())!
    expect(first.y).toBeGreaterThanOrEqual(0)
    expect(first.y + first.height).toBeLessThanOrEqual(900)
    expect(await app.page.evaluate(() => [scrollX, scrollY, document.scrollingElement!.scrollHeight <= innerHeight])).toEqual([0, 0, true])
    // Cost, feedback and status stay in sight beside the open trace.
    for (const name of ['Cost', 'Feedback', 'Status']) {
      const header = (await app.page.getByRole('columnheader', { name: new RegExp(`^${name}`) }).boundingBox())!
      expect(header.x + header.width).toBeLessThanOrEqual(1440)
    }
    // …and without one, every default column fits.
    await app.page.getByRole('button', { name: 'Close trace' }).click()
    const scroller = app.page.locator('.sl-trace-table__scroll')
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  })

  it('the filters suggest what the server has seen and apply a moment after typing, without a button', async () => {
    await app.page.setViewportSize({ width: 1440, height: 900 })
    await open(app.page, 'admin')
    const environment = app.page.getByLabel('Environment', { exact: true })
    await environment.focus()
    const offered = () =>
      app.page.evaluate(() =>
        [...((document.querySelector('input[name=environment]') as HTMLInputElement).list?.options ?? [])].map((o) => o.value),
      )
    await expect.poll(offered, { timeout: 10_000 }).toEqual(expect.arrayContaining(['production', 'staging']))
    await environment.fill('stag')
    await expect.poll(offered, { timeout: 10_000 }).toEqual(['staging'])
    await environment.fill('staging')
    await app.page.waitForFunction(() => location.hash.includes('environment=staging'), undefined, { timeout: 10_000 })
  })

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`no page scrolls sideways at ${width} px`, async () => {
      await app.page.setViewportSize({ width, height })
      const traceId = await firstTraceId()
      for (const route of [...ROUTES, `admin?trace=${traceId}`]) {
        await open(app.page, route)
        const [scrollWidth, innerWidth] = await app.page.evaluate(() => [document.scrollingElement!.scrollWidth, window.innerWidth])
        expect({ route, scrollWidth }).toEqual({ route, scrollWidth: Math.min(scrollWidth, innerWidth) })
      }
    })
  }

  it('at 390 px every page is reachable from the menu', async () => {
    await app.page.setViewportSize({ width: 390, height: 844 })
    await open(app.page, 'assistant')
    const menu = app.page.getByRole('button', { name: /^Pages/ })
    await menu.click()
    await app.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Review' }).click()
    await expect.poll(() => app.page.url()).toContain('#/review')
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
  })

  it('the review item shows the end user’s comment at once, and details never overlap the score form', async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await app.page.setViewportSize({ width, height })
      await open(app.page, 'review?reviewer=layout')
      const item = app.page.locator('article[data-trace-id]')
      await item.waitFor()
      const why = item.getByRole('region', { name: 'What the user said' })
      expect(await why.isVisible()).toBe(true)
      // On a desktop screen it is in view on arrival, above the fold.
      const whyBox = (await why.boundingBox())!
      if (width >= 1024) expect(whyBox.y + whyBox.height).toBeLessThanOrEqual(height)
      await app.page.keyboard.press('d')
      await app.page.getByRole('region', { name: 'Trace details' }).waitFor()
      for (const y of [0, 300, 700, 1200, 2000, 4000]) {
        await app.page.evaluate((top) => window.scrollTo(0, top), y)
        const form = await box(app.page, '.sl-review__form')
        const details = await box(app.page, '.sl-review__details')
        expect({ width, y, overlap: overlaps(form, details) }).toEqual({ width, y, overlap: false })
      }
    }
  })

  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds nothing serious on any page, a trace open, in ${theme}`, async () => {
      await app.page.setViewportSize({ width: 1440, height: 900 })
      const traceId = await firstTraceId()
      const found: string[] = []
      for (const route of ROUTES) {
        await open(app.page, route === 'admin' ? `admin?trace=${traceId}` : route, theme)
        if (route === 'admin') await app.page.getByRole('tree', { name: 'Spans' }).getByRole('treeitem').first().waitFor()
        if (route === 'review') await app.page.locator('article[data-trace-id]').waitFor()
        expect(await app.page.evaluate(() => document.documentElement.dataset.slTheme)).toBe(theme)
        await app.page.evaluate(AXE)
        const violations = await app.page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run: (
                  c: Document,
                ) => Promise<{ passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>
              }
            }
          ).axe
          const result = await axe.run(document)
          if (result.passes.length === 0) return ['axe checked nothing']
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${v.id} (${v.impact}): ${v.nodes
                  .map((n) => n.target.join(' '))
                  .slice(0, 4)
                  .join(', ')}`,
            )
        })
        found.push(...violations.map((v) => `${route}: ${v}`))
      }
      expect(found).toEqual([])
    })
  }
})
