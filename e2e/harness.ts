import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

import { ROOT } from '../scripts/cli-process'

export { ROOT, startCli, type RunningCli } from '../scripts/cli-process'
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function requirePlayground() {
  if (!existsSync(join(ROOT, 'playground/dist/index.html')))
    throw new Error('playground/dist is missing: run `pnpm build:playground` first')
}

/** A fresh Chromium profile; the flags keep it off the network but for loopback. */
export async function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sl-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
