import { randomBytes } from 'node:crypto'
import { createApp, type AppConfig, type EvaluationDeps } from './app'
import { hashKey } from './auth/keys'
import { openPgStore } from './store/postgres/pg-store'
import { openSqliteStore } from './store/sqlite/sqlite-store'
import type { Store } from './store/types'

/** The stores in-process app tests run on: SQLite, and PostgreSQL when the test database is set. */
export const TEST_STORES: [string, () => Store][] = [
  ['sqlite', () => openSqliteStore({ filename: ':memory:' })],
  ...(process.env.SIGHTLINE_TEST_DATABASE_URL
    ? [
        [
          'postgres',
          () =>
            openPgStore({
              connectionString: process.env.SIGHTLINE_TEST_DATABASE_URL!,
              schema: `t_${randomBytes(6).toString('hex')}`,
              dropSchemaOnClose: true,
              max: 4,
            }),
        ] as [string, () => Store],
      ]
    : []),
]

/** The origin of the end-user page the test public key (`pk1`) is allowed on. */
export const PAGE_ORIGIN = 'https://app.test'

/** An in-process app over an in-memory store (or `open`'s) with two projects and their keys. */
export async function testApp(
  o: { config?: Partial<AppConfig>; now?: () => number; open?: () => Store; evaluation?: EvaluationDeps } = {},
) {
  const store = o.open?.() ?? openSqliteStore({ filename: ':memory:' })
  await store.migrate()
  const keys = { p1: 'sk-sl-test-one', p2: 'sk-sl-test-two', pk1: 'pk-sl-test-one' }
  for (const p of ['p1', 'p2']) await store.createProject({ id: p, name: p, signingSecret: randomBytes(16).toString('hex') })
  await store.putKey(hashKey(keys.p1), 'sk', { projectId: 'p1', kind: 'secret', origins: [], requireToken: false })
  await store.putKey(hashKey(keys.p2), 'sk', { projectId: 'p2', kind: 'secret', origins: [], requireToken: false })
  await store.putKey(hashKey(keys.pk1), 'pk', { projectId: 'p1', kind: 'public', origins: [PAGE_ORIGIN], requireToken: false })
  // As `sightline serve` sets them up: the public key works from the origins CORS allows.
  const app = createApp({
    store,
    config: { allowedOrigins: [PAGE_ORIGIN], ...o.config },
    now: o.now,
    ...(o.evaluation && { evaluation: o.evaluation }),
  })
  const call = (method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { app, store, keys, call }
}
