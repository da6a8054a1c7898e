import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { ROOT, type RunningCli, startCli as startLocalCli } from '../scripts/cli-process'

export { ROOT, type RunningCli } from '../scripts/cli-process'

/**
 * `sightline serve` for a test. With SIGHTLINE_E2E_DATABASE_URL set, each server gets a fresh
 * PostgreSQL database on that server instead of SQLite (the whole e2e suite can run on both).
 */
export async function startCli(args: string[], env: Record<string, string> = {}, dataDir?: string): Promise<RunningCli> {
  const base = process.env.SIGHTLINE_E2E_DATABASE_URL
  if (!base) return startLocalCli(args, env, dataDir)
  const name = `sl_e2e_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  return startLocalCli(args, { DATABASE_URL: url.toString(), ...env }, dataDir)
}
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

export interface PlaygroundSession {
  server: RunningCli
  browser: BrowserContext
  page: Page
  /** GET an API path with the secret key (or another bearer) */
  api<T>(path: string, bearer?: string): Promise<{ status: number; body: T }>
}

/**
 * For a test file: the playground served by `sightline serve --demo --static` and a Chromium page,
 * started before its tests and stopped after them (the server must shut down cleanly). The fields are
 * set once the file's tests run.
 */
export function usePlayground({ viewport }: { viewport?: { width: number; height: number } } = {}): PlaygroundSession {
  const session = {
    api: async (path, bearer = session.server.secretKey) => {
      const res = await fetch(`${session.server.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } })
      return { status: res.status, body: await res.json() }
    },
  } as PlaygroundSession
  beforeAll(async () => {
    requirePlayground()
    session.server = await startCli(['--demo', '--static', 'playground/dist'])
    session.browser = await launchBrowser()
    session.page = await session.browser.newPage()
    if (viewport) await session.page.setViewportSize(viewport)
  })
  afterAll(async () => {
    await session.browser?.close()
    expect(await session.server?.stop()).toBe(0)
    expect(session.server.output()).toContain('SIGTERM')
  })
  return session
}
