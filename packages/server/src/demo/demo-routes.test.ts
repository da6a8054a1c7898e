import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { bootstrapDefaultProject } from '../bootstrap'
import { openSqliteStore } from '../store/sqlite/sqlite-store'
import type { Store } from '../store/types'
import { demoRoutes } from './demo-routes'
import { ensureDemoQueue } from './seed'

let store: Store
afterEach(() => store?.close())

/** The demo backend over an empty project, as `serve --demo` mounts it. */
async function demoApp({ anyHost = false } = {}) {
  store = openSqliteStore({ filename: ':memory:' })
  await store.migrate()
  const keys = await bootstrapDefaultProject(store, { dataDir: mkdtempSync(join(tmpdir(), 'sl-demo-')), allowedOrigins: [], log: () => {} })
  const reviewQueueId = await ensureDemoQueue(store, keys.projectId, Date.now())
  const app = createApp({ store, mount: (root) => root.route('/demo', demoRoutes(root, { ...keys, reviewQueueId, anyHost })) })
  const chat = (headers: Record<string, string>, url = 'http://localhost/demo/chat') =>
    app.request(url, { method: 'POST', headers, body: JSON.stringify({ sessionId: 's', message: 'What is my plan?' }) })
  return { app, keys, chat }
}

const spans = () => store.countSpans('default')

describe('the demo backend answers its own pages only', () => {
  it('refuses cross-site posts, text/plain included, and writes nothing', async () => {
    const { chat } = await demoApp()
    const crossSite: Record<string, string>[] = [
      { origin: 'https://attacker.test', 'content-type': 'text/plain' },
      { origin: 'https://attacker.test', 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      { origin: 'null', 'content-type': 'text/plain' },
      { origin: 'http://localhost:5173', 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
    ]
    for (const headers of crossSite) {
      const res = await chat(headers)
      expect([headers, res.status]).toEqual([headers, 403])
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    }
    expect(await spans()).toBe(0)
  })

  it('refuses to mint tokens for other sites', async () => {
    const { app } = await demoApp()
    for (const path of ['/demo/token', '/demo/annotate-token?reviewer=anyone', '/demo/config']) {
      expect((await app.request(path, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
      expect((await app.request(path, { headers: { origin: 'https://attacker.test' } })).status).toBe(403)
    }
  })

  it('answers its own pages, and clients that are not browsers', async () => {
    const { app, chat } = await demoApp()
    expect((await chat({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' })).status).toBe(
      200,
    )
    expect((await chat({ 'content-type': 'application/json' })).status).toBe(200)
    expect(await spans()).toBeGreaterThan(0)
    expect((await app.request('/demo/token', { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200)
    expect((await app.request('/demo/annotate-token?reviewer=ana', { headers: { 'sec-fetch-site': 'none' } })).status).toBe(200)
    expect((await app.request('http://127.0.0.1:4318/demo/config', { headers: { origin: 'http://127.0.0.1:4318' } })).status).toBe(200)
  })

  it('takes a page whose name points at this machine for a foreign one, unless the demo is public', async () => {
    const rebound = { origin: 'http://attacker.test:4318', 'sec-fetch-site': 'same-origin' }
    expect((await (await demoApp()).app.request('http://attacker.test:4318/demo/token', { headers: rebound })).status).toBe(403)
    await store.close()
    expect(
      (await (await demoApp({ anyHost: true })).app.request('http://attacker.test:4318/demo/token', { headers: rebound })).status,
    ).toBe(200)
  })
})

describe('the demo backend manages evaluators for its own pages', () => {
  const own = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }
  it('forwards evaluator requests with the secret key, and nothing else', async () => {
    const { app } = await demoApp()
    const created = await app.request('http://localhost/demo/manage/api/v1/evaluators', {
      method: 'POST',
      headers: own,
      body: JSON.stringify({ name: 'pii', kind: 'pii', config: {} }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const list = await app.request('http://localhost/demo/manage/api/v1/evaluators', { headers: own })
    expect(((await list.json()) as { data: { id: string }[] }).data.map((e) => e.id)).toEqual([id])
    expect((await app.request(`http://localhost/demo/manage/api/v1/evaluators/${id}`, { method: 'DELETE', headers: own })).status).toBe(200)
    expect((await app.request('http://localhost/demo/manage/api/v1/traces', { headers: own })).status).toBe(404)
    expect(
      (await app.request('http://localhost/demo/manage/api/v1/evaluators', { headers: { origin: 'https://attacker.test' } })).status,
    ).toBe(403)
  })
})
