// Screenshots of every playground page, light and dark, for the README: docs/screenshots/<page>-<theme>.png.
// Needs the built playground (`pnpm build:playground`) and Chromium; starts its own demo server on loopback.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { ROOT, startCli } from './cli-process'

const PAGES = ['assistant', 'assistant-react', 'admin', 'monitoring', 'review', 'evaluators', 'datasets', 'alerts']
const THEMES = ['light', 'dark'] as const
const OUT = join(ROOT, 'docs/screenshots')

const server = await startCli(['--demo', '--static', 'playground/dist'])
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sl-shots-')), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync'],
})
try {
  mkdirSync(OUT, { recursive: true })
  const page = await browser.newPage()
  const list = await fetch(`${server.url}/api/v1/traces?limit=3`, { headers: { authorization: `Bearer ${server.secretKey}` } })
  const traceId = ((await list.json()) as { data: { id: string }[] }).data[2]!.id
  for (const theme of THEMES) {
    await page.goto(`${server.url}/`)
    await page.evaluate((t) => localStorage.setItem('sightline-playground-theme', t), theme)
    for (const name of PAGES) {
      const route = name === 'admin' ? `admin?trace=${traceId}` : name === 'review' ? 'review?reviewer=screenshots' : name
      await page.goto(`${server.url}/#/${route}`)
      await page.reload()
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await page.waitForLoadState('networkidle')
      if (name === 'admin') await page.getByRole('treeitem').first().waitFor()
      if (name === 'review') await page.locator('article[data-trace-id]').waitFor()
      await page.waitForTimeout(500) // charts finish drawing
      const file = join(OUT, `${name}-${theme}.png`)
      await page.screenshot({ path: file })
      console.log(file)
    }
  }
} finally {
  await browser.close()
  await server.stop()
}
