import { readFileSync } from 'node:fs'
import { validate } from '@readme/openapi-parser'
import { Hono } from 'hono'
import { afterEach, describe as suite, expect, it } from 'vitest'
import type { AppEnv } from '../auth/auth-context'
import { createApp } from '../app'
import { openSqliteStore } from '../store/sqlite/sqlite-store'
import type { Store } from '../store/types'
import { describe } from './describe'
import { undocumentedRoutes } from './spec'

interface Operation {
  summary: string
  description?: string
  security: Record<string, string[]>[]
  parameters?: { name: string; in: string; required: boolean }[]
  requestBody?: { content: Record<string, unknown> }
  responses: Record<string, unknown>
}
interface Document {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, unknown> }
}

let store: Store | undefined
afterEach(async () => {
  await store?.close()
  store = undefined
})

function app(mount?: (app: Hono<AppEnv>) => void) {
  store = openSqliteStore({ filename: ':memory:' })
  return createApp({ store, ...(mount && { mount }) })
}

async function documentOf(a: ReturnType<typeof app>): Promise<Document> {
  return (await a.request('/api/v1/openapi.json')).json() as Promise<Document>
}

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })))

suite('the OpenAPI document', () => {
  it('describes every route the app mounts', async () => {
    const a = app()
    expect(undocumentedRoutes(a.routes)).toEqual([])
    const doc = await documentOf(a)
    const documented = new Set(operations(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`))
    const mounted = a.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    expect(mounted.filter((r) => !documented.has(r))).toEqual([])
    expect(documented.size).toBeGreaterThan(60)
  })

  it('names the routes mounted without a description, in the app and in sub-apps', () => {
    const sub = new Hono<AppEnv>()
      .get('/', describe({ summary: 'described', access: 'read' }), (c) => c.json({}))
      .post('/:id/undescribed', (c) => c.json({}))
    const a = app((root) => {
      root.get('/api/v1/extra', (c) => c.json({}))
      root.route('/api/v1/things', sub)
    })
    expect(undocumentedRoutes(a.routes)).toEqual(['GET /api/v1/extra', 'POST /api/v1/things/:id/undescribed'])
  })

  it('is a valid OpenAPI 3 document', async () => {
    const doc = await documentOf(app())
    expect(doc.openapi).toMatch(/^3\./)
    const result = await validate(structuredClone(doc) as never)
    expect(result.valid ? [] : result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it("lists every endpoint of the README's API table", async () => {
    const doc = await documentOf(app())
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8')
    const section = readme.slice(readme.indexOf('## HTTP API'), readme.indexOf('### Metrics'))
    const rows = section.split('\n').filter((l) => l.startsWith('| `'))
    const endpoints = rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`(?:(GET|POST|PATCH|DELETE) )?(\/[^`?\s]*)[^`]*`/g)])
    expect(endpoints.length).toBeGreaterThan(20)
    const documented = operations(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`)
    for (const [, method, rawPath] of endpoints) {
      const path = rawPath!.replace(/:(\w+)/g, '{$1}')
      // A row naming a resource (`/api/v1/queues`) stands for every route under it.
      const found = method ? documented.includes(`${method} ${path}`) : documented.some((d) => d.split(' ')[1]!.startsWith(path))
      expect(found, `${method ?? ''} ${path}`).toBe(true)
    }
    for (const otlp of ['POST /v1/traces', 'POST /api/v1/otel/v1/traces', 'GET /api/v1/metrics']) expect(documented).toContain(otlp)
  })

  it('names which credentials each endpoint takes', async () => {
    const doc = await documentOf(app())
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['keyQuery', 'publicKey', 'secretKey', 'token'])
    const schemes = (method: string, path: string) => doc.paths[path]![method]!.security.flatMap((s) => Object.keys(s))
    expect(schemes('get', '/api/health')).toEqual([])
    expect(schemes('post', '/api/v1/ingest')).toEqual(['secretKey'])
    expect(schemes('post', '/v1/traces')).toEqual(['secretKey'])
    expect(schemes('get', '/api/v1/traces')).toEqual(['secretKey', 'token'])
    expect(schemes('post', '/api/v1/feedback')).toEqual(['publicKey', 'token', 'keyQuery', 'secretKey'])
    expect(schemes('post', '/api/v1/queues/{id}/claim')).toEqual(['secretKey', 'token'])
    // Every endpoint that takes a credential says what happens without one.
    for (const { path, op } of operations(doc)) if (op.security.length) expect(Object.keys(op.responses), path).toContain('401')
  })

  it('describes parameters, bodies and errors from the schemas the routes validate with', async () => {
    const doc = await documentOf(app())
    const traces = doc.paths['/api/v1/traces']!.get!
    const names = traces.parameters!.map((p) => p.name)
    expect(names).toEqual(expect.arrayContaining(['from', 'to', 'environment', 'tag', 'sort', 'limit', 'cursor']))
    // The patterns are described in words, not as parameters a client would send literally.
    expect(traces.description).toContain('`metadata.<key>`')
    expect(traces.description).toContain('`score.<name>`')
    expect(Object.keys(traces.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']))

    const metrics = doc.paths['/api/v1/metrics']!.get!
    const metricParams = metrics.parameters!
    expect(metricParams.find((p) => p.name === 'metrics')?.required).toBe(true)
    expect(metricParams.map((p) => p.name)).toEqual(expect.arrayContaining(['interval', 'groupBy', 'environment', 'from']))
    expect(metricParams.map((p) => p.name)).not.toContain('cursor')

    const ingest = doc.paths['/api/v1/ingest']!.post!.requestBody!.content['application/json'] as {
      schema: { properties: Record<string, { items: { properties: Record<string, unknown> } }> }
    }
    expect(Object.keys(ingest.schema.properties)).toEqual(['traces', 'spans', 'scores'])
    expect(Object.keys(ingest.schema.properties.spans!.items.properties)).toEqual(expect.arrayContaining(['traceId', 'type', 'usage']))

    const otlp = doc.paths['/v1/traces']!.post!
    expect(Object.keys(otlp.requestBody!.content)).toEqual(['application/x-protobuf', 'application/json'])
    expect(Object.keys(doc.paths['/api/v1/feedback']!.post!.requestBody!.content)).toEqual(['application/json', 'text/plain'])
    expect(Object.keys(doc.paths['/api/v1/feedback']!.post!.responses)).toContain('429')
    expect(Object.keys(doc.paths['/api/v1/scores/{id}']!.delete!.responses)).toEqual(expect.arrayContaining(['204', '404']))
    expect(Object.keys(doc.paths['/api/v1/queues/{id}/claim']!.post!.responses)).toEqual(expect.arrayContaining(['200', '204', '409']))
  })
})
