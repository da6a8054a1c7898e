import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, expect, it } from 'vitest'
import { createApp } from '../app'
import { openSqliteStore } from '../store/sqlite/sqlite-store'

const store = openSqliteStore({ filename: ':memory:' })
const dir = mkdtempSync(join(tmpdir(), 'sl-openapi-client-'))
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

// Calls a client generated from the document would make; each `@ts-expect-error` must be refused.
const USAGE = `import type { components, operations, paths } from './api'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

type TraceQuery = NonNullable<paths['/api/v1/traces']['get']['parameters']['query']>
const query: TraceQuery = { environment: 'production', sort: '-latencyMs', limit: 10, tag: ['a', 'b'] }
// @ts-expect-error not a sort field
const badSort: TraceQuery = { sort: 'newest' }

type TraceList = Json<paths['/api/v1/traces']['get']['responses'][200]>
declare const list: TraceList
const firstId: string | undefined = list.data[0]?.id
const next: string | null = list.nextCursor

type IngestBody = NonNullable<paths['/api/v1/ingest']['post']['requestBody']>['content']['application/json']
const batch: IngestBody = { traces: [{ id: 't-1', name: 'chat' }], spans: [{ id: 's-1', traceId: 't-1', name: 'llm', type: 'generation', startTime: '2026-01-01T00:00:00Z' }] }
// @ts-expect-error not a span type
const badSpan: IngestBody = { spans: [{ id: 's-1', traceId: 't-1', name: 'llm', type: 'teapot', startTime: 0 }] }

type Feedback = operations['postFeedback']['requestBody']['content']['application/json']
const thumbs: Feedback = { id: 'f-1', traceId: 't-1', name: 'user_feedback', value: true }

type Minted = Json<paths['/api/v1/tokens']['post']['responses'][201]>
declare const minted: Minted
const token: string = minted.token

type Metrics = Json<paths['/api/v1/metrics']['get']['responses'][200]>
declare const metrics: Metrics
const points: number = metrics.series.length

type ApiError = components['schemas']['ApiError']
declare const failure: ApiError
const code: string = failure.error.code

export { query, badSort, firstId, next, batch, badSpan, thumbs, token, points, code }
`

it('generates client types with openapi-typescript that type-check calls', async () => {
  const app = createApp({ store })
  const doc = await (await app.request('/api/v1/openapi.json')).json()
  const types = astToString(await openapiTS(doc))
  writeFileSync(join(dir, 'api.d.ts'), types)
  writeFileSync(join(dir, 'usage.ts'), USAGE)
  const program = ts.createProgram([join(dir, 'usage.ts')], {
    strict: true,
    noEmit: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  })
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName.split('/').pop() ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
  expect(problems).toEqual([])
}, 60_000)
