import {
  decodeTraceSkeleton,
  SKELETON_SPAN_COLUMNS,
  type IngestBatch,
  type TraceFilters,
  type TraceListQuery,
  type TraceSkeleton,
  type TraceValueField,
} from '@sightline/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validateBatch } from '../services/ingest'
import type { Store } from './types'

/** A skeleton decoded the way a client decodes the route's reply. */
async function skeletonOf(store: Store, projectId: string, id: string): Promise<TraceSkeleton> {
  const { trace, scores, spanRows } = (await store.getTraceSkeleton(projectId, id))!
  return decodeTraceSkeleton({ trace, scores, columns: [...SKELETON_SPAN_COLUMNS], spans: JSON.parse(spanRows) })
}

/** Fixed data whose every filter answer is known by hand. T0 is 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1)
const S = 1000

export function fixtureBatch(): Required<IngestBatch> {
  return {
    traces: [
      {
        id: 'A',
        name: 'chat',
        userId: 'u1',
        sessionId: 's1',
        environment: 'production',
        release: '1.0',
        version: 'v1',
        tags: ['beta', 'vip'],
        metadata: { plan: 'pro', tier: 3, flag: true },
        input: 'How do I reset my password?',
        output: 'Click forgot password.',
        startTime: T0,
      },
      {
        id: 'B',
        name: 'rag',
        userId: 'u2',
        sessionId: 's1',
        environment: 'staging',
        release: '2.0',
        version: 'v2',
        tags: ['beta'],
        metadata: { plan: 'free' },
        startTime: new Date(T0 + 60 * S).toISOString(),
      },
      {
        id: 'C',
        name: 'chat',
        userId: 'u3',
        environment: 'production',
        release: '2.0',
        input: 'Ünïcode résumé search',
        startTime: T0 + 120 * S,
        endTime: T0 + 125 * S,
      },
    ],
    spans: [
      { id: 'a-root', traceId: 'A', name: 'chat', type: 'chain', startTime: T0, endTime: T0 + 1000 },
      {
        id: 'a-gen',
        traceId: 'A',
        parentId: 'a-root',
        name: 'llm',
        type: 'generation',
        startTime: T0 + 100,
        endTime: T0 + 900,
        model: 'gpt-4o',
        provider: 'openai',
        usage: { input: 100, output: 50 },
        cost: { input: 0.004, output: 0.006 },
      },
      {
        id: 'b-root',
        traceId: 'B',
        name: 'agent',
        type: 'agent',
        startTime: T0 + 60 * S,
        endTime: T0 + 60 * S + 1500,
        usage: { input: 9999, output: 9999 },
        cost: { total: 99 },
        input: { q: 'shipping?' },
        output: 'It shipped.',
      },
      {
        id: 'b-gen',
        traceId: 'B',
        parentId: 'b-root',
        name: 'llm',
        type: 'generation',
        startTime: T0 + 60 * S + 10,
        endTime: T0 + 60 * S + 800,
        model: 'claude-3',
        usage: { input: 200, output: 100, total: 300 },
        cost: { total: 0.05 },
      },
      {
        id: 'b-tool',
        traceId: 'B',
        parentId: 'b-root',
        name: 'lookup',
        type: 'tool',
        startTime: T0 + 60 * S + 900,
        endTime: T0 + 60 * S + 1400,
        status: 'error',
        statusMessage: 'timeout',
      },
    ],
    scores: [
      { id: 'fa', traceId: 'A', name: 'user_feedback', value: true, source: 'feedback' },
      { id: 'ha', traceId: 'A', name: 'helpfulness', value: 0.9, source: 'eval' },
      { id: 'ta', traceId: 'A', name: 'tone', value: 'friendly' },
      { id: 'fb', traceId: 'B', name: 'user_feedback', value: false, source: 'feedback', comment: 'wrong' },
      { id: 'hb', traceId: 'B', name: 'helpfulness', value: 0.3, source: 'eval' },
    ],
  }
}

export const FILTER_CASES: [TraceListQuery, string[]][] = [
  [{}, ['A', 'B', 'C']],
  [{ from: T0 + 30 * S }, ['B', 'C']],
  [{ to: T0 + 30 * S }, ['A']],
  [{ from: T0 + 60 * S, to: T0 + 120 * S }, ['B']],
  [{ name: 'chat' }, ['A', 'C']],
  [{ userId: 'u2' }, ['B']],
  [{ sessionId: 's1' }, ['A', 'B']],
  [{ environment: 'production' }, ['A', 'C']],
  [{ release: '2.0' }, ['B', 'C']],
  [{ version: 'v1' }, ['A']],
  [{ tag: ['beta'] }, ['A', 'B']],
  [{ tag: ['beta', 'vip'] }, ['A']],
  [{ metadata: { plan: 'pro' } }, ['A']],
  [{ metadata: { tier: '3' } }, ['A']],
  [{ metadata: { flag: 'true' } }, ['A']],
  [{ metadata: { plan: 'free', missing: 'x' } }, []],
  [{ model: 'claude-3' }, ['B']],
  [{ model: 'gpt-4o' }, ['A']],
  [{ status: 'error' }, ['B']],
  [{ status: 'ok' }, ['A', 'C']],
  [{ minLatencyMs: 2000 }, ['C']],
  [{ maxLatencyMs: 1200 }, ['A']],
  [{ minLatencyMs: 1000, maxLatencyMs: 1500 }, ['A', 'B']],
  [{ minCost: 0.02 }, ['B']],
  [{ maxCost: 0.02 }, ['A']],
  [{ score: { helpfulness: { min: 0.5 } } }, ['A']],
  [{ score: { helpfulness: { max: 0.5 } } }, ['B']],
  [{ score: { helpfulness: { value: 0.9 } } }, ['A']],
  [{ score: { tone: { value: 'friendly' } } }, ['A']],
  [{ score: { user_feedback: { value: false } } }, ['B']],
  [{ score: { helpfulness: { min: 0 } }, source: ['eval'] }, ['A', 'B']],
  [{ score: { helpfulness: { min: 0 } }, source: ['human', 'api'] }, []],
  [{ score: { tone: { value: 'friendly' } }, source: ['api', 'feedback'] }, ['A']],
  [{ score: { user_feedback: { value: false } }, source: ['feedback'] }, ['B']],
  [{ feedback: 'positive' }, ['A']],
  [{ feedback: 'negative' }, ['B']],
  [{ q: 'password' }, ['A']],
  [{ q: 'PASSWORD' }, ['A']],
  [{ q: 'résumé' }, ['C']],
  [{ q: 'Cl' }, ['A']],
  [{ q: 'shipped' }, ['B']],
  [{ q: '100%' }, []],
  [{ environment: 'production', name: 'chat', release: '2.0' }, ['C']],
]

/**
 * The storage contract. Every Store implementation runs this suite unchanged; a backend may
 * skip a case only with a written reason.
 */
export function runStoreContract(name: string, open: () => Promise<Store>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    const ingest = async (projectId: string, batch: IngestBatch, now = T0 + 3600 * S) => {
      const { write, result } = validateBatch(batch)
      expect(result.rejected).toEqual([])
      await store.ingest(projectId, write, now)
    }
    const ids = async (projectId: string, q: TraceListQuery = {}) =>
      (await store.listTraces(projectId, { ...q, limit: 500 })).data.map((t) => t.id).sort()

    beforeEach(async () => {
      store = await open()
      await store.migrate()
      for (const id of ['p1', 'p2']) await store.createProject({ id, name: id, signingSecret: `secret-${id}` })
    })
    afterEach(async () => {
      await store.close()
    })

    it('runs migrations idempotently', async () => {
      await store.migrate()
      expect(await store.getProject('p1')).toEqual({ id: 'p1', name: 'p1', signingSecret: 'secret-p1' })
    })

    it('stores keys by hash', async () => {
      await store.putKey('h1', 'sk-sl-abc…', { projectId: 'p1', kind: 'secret', origins: [], requireToken: false })
      await store.putKey('h2', 'pk-sl-abc…', { projectId: 'p1', kind: 'public', origins: ['http://a.test'], requireToken: true })
      expect(await store.findKey('h1')).toEqual({ projectId: 'p1', kind: 'secret', origins: [], requireToken: false })
      expect(await store.findKey('h2')).toMatchObject({ kind: 'public', origins: ['http://a.test'], requireToken: true })
      expect(await store.findKey('nope')).toBeNull()
    })

    describe('with the fixture', () => {
      beforeEach(() => ingest('p1', fixtureBatch()))

      it.each(FILTER_CASES)('filter %j', async (query, expected) => {
        expect(await ids('p1', query)).toEqual(expected)
      })

      it('suggests field values, the most frequent first, within the filters and by prefix', async () => {
        const values = (field: TraceValueField, filters: TraceFilters = {}, q?: string) =>
          store.traceValues('p1', field, filters, { q, limit: 20 })
        expect(await values('name')).toEqual([
          { value: 'chat', count: 2 },
          { value: 'rag', count: 1 },
        ])
        expect(await values('name', { environment: 'staging' })).toEqual([{ value: 'rag', count: 1 }])
        expect(await values('tag')).toEqual([
          { value: 'beta', count: 2 },
          { value: 'vip', count: 1 },
        ])
        expect(await values('model')).toEqual([
          { value: 'claude-3', count: 1 },
          { value: 'gpt-4o', count: 1 },
        ])
        expect(await values('userId', {}, 'U')).toEqual(['u1', 'u2', 'u3'].map((value) => ({ value, count: 1 })))
        expect(await values('sessionId')).toEqual([{ value: 's1', count: 2 }])
        expect(await values('release', {}, '2.')).toEqual([{ value: '2.0', count: 2 }])
        // LIKE wildcards in the prefix are plain characters
        expect(await values('name', {}, '%')).toEqual([])
        expect(await values('version', {}, '_1')).toEqual([])
        expect(await store.traceValues('p1', 'name', {}, { limit: 1 })).toEqual([{ value: 'chat', count: 2 }])
        expect(await store.traceValues('p2', 'name', {}, { limit: 20 })).toEqual([])
      })

      it('derives totals from generation and embedding spans only', async () => {
        const { trace: a } = (await store.getTrace('p1', 'A'))!
        expect(a).toMatchObject({
          inputTokens: 100,
          outputTokens: 50,
          totalTokens: 150,
          cost: 0.01,
          spanCount: 2,
          errorCount: 0,
          latencyMs: 1000,
          status: 'ok',
          models: ['gpt-4o'],
          endTime: new Date(T0 + 1000).toISOString(),
        })
        const { trace: b } = (await store.getTrace('p1', 'B'))!
        // the agent span's own usage (9999) and cost (99) repeat its children: not counted
        expect(b).toMatchObject({
          inputTokens: 200,
          outputTokens: 100,
          totalTokens: 300,
          cost: 0.05,
          spanCount: 3,
          errorCount: 1,
          status: 'error',
          latencyMs: 1500,
        })
        // trace input/output fall back to the root span's when not declared
        expect(b.input).toEqual({ q: 'shipping?' })
        expect(b.output).toBe('It shipped.')
        const { trace: c } = (await store.getTrace('p1', 'C'))!
        expect(c).toMatchObject({ spanCount: 0, cost: null, totalTokens: 0, latencyMs: 5000, status: 'ok' })
      })

      it('returns trace detail with spans and scores', async () => {
        const d = (await store.getTrace('p1', 'A'))!
        expect(d.spans.map((s) => s.id)).toEqual(['a-root', 'a-gen'])
        expect(d.spans[1]).toMatchObject({
          parentId: 'a-root',
          type: 'generation',
          model: 'gpt-4o',
          provider: 'openai',
          latencyMs: 800,
          usage: { input: 100, output: 50, total: 150, cacheRead: null, cacheWrite: null, reasoning: null },
          cost: { input: 0.004, output: 0.006, total: 0.01, source: 'provided' },
        })
        expect(d.scores.map((s) => [s.name, s.value, s.dataType]).sort()).toEqual([
          ['helpfulness', 0.9, 'numeric'],
          ['tone', 'friendly', 'categorical'],
          ['user_feedback', true, 'boolean'],
        ])
        expect(await store.getTrace('p1', 'nope')).toBeNull()
      })

      it('serves a trace skeleton without payloads, and single spans in full', async () => {
        const sk = await skeletonOf(store, 'p1', 'B')
        expect(sk.trace).toMatchObject({ id: 'B', spanCount: 3, inputPreview: '{"q":"shipping?"}' })
        expect(sk.spans.map((s) => s.id)).toEqual(['b-root', 'b-gen', 'b-tool'])
        expect(sk.spans[0]).toMatchObject({
          inputSize: JSON.stringify({ q: 'shipping?' }).length,
          outputSize: JSON.stringify('It shipped.').length,
          type: 'agent',
        })
        expect(sk.spans[0]).not.toHaveProperty('input')
        expect(sk.spans[2]).toMatchObject({ inputSize: 0, status: 'error', statusMessage: 'timeout' })
        expect(sk.scores).toHaveLength(2)
        expect(await store.getSpan('p1', 'B', 'b-root')).toMatchObject({ id: 'b-root', input: { q: 'shipping?' }, output: 'It shipped.' })
        expect(await store.getSpan('p1', 'B', 'nope')).toBeNull()
        expect(await store.getSpan('p2', 'B', 'b-root')).toBeNull()
        expect(await store.getTraceSkeleton('p2', 'B')).toBeNull()
        expect(await store.getTraceSkeleton('p1', 'nope')).toBeNull()
        expect((await store.getTraceSummary('p1', 'A'))!.inputPreview).toBe('How do I reset my password?')
      })

      it('writes skeleton rows that decode to exactly the spans without payloads', async () => {
        const start = T0 + 3_600_000
        await ingest('p1', {
          traces: [{ id: 'SK', startTime: start }],
          spans: [
            {
              id: 'sk-gen',
              traceId: 'SK',
              name: 'llm "quoted" \\ é 🙂\nline',
              type: 'generation',
              startTime: start + 1,
              endTime: start + 2_501,
              completionStartTime: start + 400,
              model: 'gpt-4o',
              provider: 'openai',
              usage: { input: 1234, output: 56, cacheRead: 1000, reasoning: 7 },
              cost: { input: 0.1 + 0.2, output: 1 / 3 },
              modelParameters: { temperature: 0.2 },
              input: 'x'.repeat(5000),
              attributes: { a: 1 },
            },
            {
              id: 'sk-open',
              traceId: 'SK',
              parentId: 'sk-gen',
              name: 'still running',
              type: 'tool',
              startTime: start + 3_000,
              status: 'error',
              statusMessage: 'a\tb',
            },
            {
              id: 'sk-paid',
              traceId: 'SK',
              parentId: 'sk-gen',
              name: 'priced',
              startTime: start + 3_000,
              endTime: start + 3_000,
              cost: { total: 2.5 },
            },
          ],
        })
        const full = (await store.getTrace('p1', 'SK'))!
        const sk = await skeletonOf(store, 'p1', 'SK')
        // Skeleton times stay epoch ms; the full spans' are ISO strings.
        const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso))
        expect(sk.spans.map(({ inputSize: _i, outputSize: _o, ...span }) => span)).toEqual(
          full.spans.map(({ input: _i, output: _o, attributes: _a, modelParameters: _m, ...span }) => ({
            ...span,
            startTime: Date.parse(span.startTime),
            endTime: ms(span.endTime),
            completionStartTime: ms(span.completionStartTime),
          })),
        )
        expect(sk.spans[0]).toMatchObject({ startTime: start + 1, endTime: start + 2_501, completionStartTime: start + 400 })
        expect(sk.spans[0]).toMatchObject({ inputSize: 5002, outputSize: 0 })
        expect(sk.spans[0]!.cost?.input).toBe(0.1 + 0.2)
        expect(sk.spans[0]!.cost?.output).toBe(1 / 3)
        expect(sk.spans.find((s) => s.id === 'sk-paid')).toMatchObject({ usage: null, latencyMs: 0 })
        const empty = (await store.getTraceSkeleton('p1', 'A'))!
        await ingest('p1', { traces: [{ id: 'NOSPANS', startTime: start }] })
        expect(JSON.parse((await store.getTraceSkeleton('p1', 'NOSPANS'))!.spanRows)).toEqual([])
        expect(JSON.parse(empty.spanRows)).toHaveLength(2)
      })

      it('sorts by every sort key, both directions', async () => {
        const order = async (sort: TraceListQuery['sort']) => (await store.listTraces('p1', { sort })).data.map((t) => t.id)
        expect(await order('startTime')).toEqual(['A', 'B', 'C'])
        expect(await order('-startTime')).toEqual(['C', 'B', 'A'])
        expect(await order('latencyMs')).toEqual(['A', 'B', 'C'])
        expect(await order('-latencyMs')).toEqual(['C', 'B', 'A'])
        expect(await order('-cost')).toEqual(['B', 'A', 'C'])
        expect(await order('cost')).toEqual(['C', 'A', 'B'])
        expect(await order('-totalTokens')).toEqual(['B', 'A', 'C'])
      })

      it('pages with cursors that stay stable while new traces arrive', async () => {
        const first = await store.listTraces('p1', { limit: 2 })
        expect(first.data.map((t) => t.id)).toEqual(['C', 'B'])
        await ingest('p1', {
          traces: [
            { id: 'NEW', startTime: T0 + 999 * S },
            { id: 'OLD', startTime: T0 - S },
          ],
        })
        const second = await store.listTraces('p1', { limit: 2, cursor: first.nextCursor! })
        expect(second.data.map((t) => t.id)).toEqual(['A', 'OLD'])
        expect(second.nextCursor).toBeNull()
      })

      it('refuses a cursor from another sort', async () => {
        const first = await store.listTraces('p1', { limit: 1 })
        await expect(store.listTraces('p1', { limit: 1, sort: 'latencyMs', cursor: first.nextCursor! })).rejects.toThrow(/cursor/)
        await expect(store.listTraces('p1', { cursor: 'garbage' })).rejects.toThrow(/cursor/)
      })

      it('gives list rows short previews instead of payloads', async () => {
        const a = (await store.listTraces('p1', { name: 'chat', sort: 'startTime' })).data[0]!
        expect(a.inputPreview).toBe('How do I reset my password?')
        expect(a).not.toHaveProperty('input')
      })

      it('keeps re-ingest idempotent', async () => {
        const before = await store.getTrace('p1', 'B')
        const list = await store.listTraces('p1', {})
        await ingest('p1', fixtureBatch(), T0 + 7200 * S)
        expect(await store.getTrace('p1', 'B')).toEqual(before)
        expect(await store.listTraces('p1', {})).toEqual(list)
      })

      it('reads a session with its traces in order', async () => {
        const s = (await store.getSession('p1', 's1'))!
        expect(s.traces.map((t) => t.id)).toEqual(['A', 'B'])
        expect(s.session).toMatchObject({ id: 's1', traceCount: 2, userIds: ['u1', 'u2'], totalTokens: 450, errorCount: 1 })
        expect(s.session.cost).toBeCloseTo(0.06)
        expect(s.scores).toHaveLength(5)
        expect(await store.getSession('p1', 'none')).toBeNull()
        expect((await store.getSession('p1', 's1', { environment: 'staging' }))!.traces.map((t) => t.id)).toEqual(['B'])
      })

      it('lists scores with filters and cursors', async () => {
        expect((await store.listScores('p1', { traceId: 'A' })).data).toHaveLength(3)
        expect((await store.listScores('p1', { traceId: ['A', 'B', 'none'] })).data).toHaveLength(5)
        expect((await store.listScores('p1', { name: 'helpfulness' })).data.map((s) => s.id).sort()).toEqual(['ha', 'hb'])
        expect((await store.listScores('p1', { source: 'feedback' })).data.map((s) => s.id).sort()).toEqual(['fa', 'fb'])
        expect((await store.listScores('p1', { traceFilters: { environment: 'staging' } })).data.map((s) => s.id).sort()).toEqual([
          'fb',
          'hb',
        ])
        const seen: string[] = []
        let cursor: string | undefined
        do {
          const page = await store.listScores('p1', { limit: 2, cursor })
          seen.push(...page.data.map((s) => s.id))
          cursor = page.nextCursor ?? undefined
        } while (cursor)
        expect(seen.sort()).toEqual(['fa', 'fb', 'ha', 'hb', 'ta'])
      })

      it('updates a score in place when its id is re-sent (toggle)', async () => {
        const before = (await store.getScore('p1', 'fa'))!
        await ingest('p1', { scores: [{ id: 'fa', traceId: 'A', name: 'user_feedback', value: true, source: 'feedback' }] }, T0 + 9000 * S)
        expect(await store.getScore('p1', 'fa')).toEqual(before)
        await ingest('p1', { scores: [{ id: 'fa', traceId: 'A', name: 'user_feedback', value: false, source: 'feedback' }] }, T0 + 9999 * S)
        const after = (await store.getScore('p1', 'fa'))!
        expect(after).toMatchObject({ value: false, createdAt: before.createdAt, updatedAt: new Date(T0 + 9999 * S).toISOString() })
        expect(await ids('p1', { feedback: 'negative' })).toEqual(['A', 'B'])
        expect(await ids('p1', { feedback: 'positive' })).toEqual([])
      })

      it('deletes a score', async () => {
        expect(await store.deleteScore('p1', 'ta')).toBe(true)
        expect(await store.deleteScore('p1', 'ta')).toBe(false)
        expect(await store.getScore('p1', 'ta')).toBeNull()
      })

      it('never lets one project see another', async () => {
        expect(await ids('p2')).toEqual([])
        expect(await store.getTrace('p2', 'A')).toBeNull()
        expect(await store.getSession('p2', 's1')).toBeNull()
        expect((await store.listScores('p2', {})).data).toEqual([])
        expect(await store.getScore('p2', 'fa')).toBeNull()
        expect(await store.deleteScore('p2', 'fa')).toBe(false)
        expect(await store.countSpans('p2')).toBe(0)
        // the same ids in another project are separate rows
        await ingest('p2', { traces: [{ id: 'A', name: 'other' }] })
        expect((await store.getTrace('p1', 'A'))!.trace.name).toBe('chat')
        expect((await store.getTrace('p2', 'A'))!.trace.name).toBe('other')
      })
    })

    it('accepts spans before their trace and children before parents, with the same result', async () => {
      const batch = fixtureBatch()
      await ingest('p1', batch)
      // p2 gets the same data in reverse order and in pieces
      await ingest('p2', { spans: [...batch.spans].reverse().slice(0, 2) })
      await ingest('p2', { scores: batch.scores })
      await ingest('p2', { spans: [...batch.spans].reverse().slice(2) })
      await ingest('p2', { traces: batch.traces })
      for (const id of ['A', 'B', 'C']) {
        const strip = (d: Awaited<ReturnType<Store['getTrace']>>) =>
          JSON.parse(JSON.stringify(d).replaceAll('"projectId":"p2"', '"projectId":"p1"'))
        expect(strip(await store.getTrace('p2', id))).toEqual(strip(await store.getTrace('p1', id)))
      }
    })

    it('creates a trace from spans alone and widens it as they arrive', async () => {
      await ingest('p1', { spans: [{ id: 'x1', traceId: 'X', name: 'root', startTime: T0 + 5000, endTime: T0 + 6000, input: 'hi' }] })
      let t = (await store.getTrace('p1', 'X'))!.trace
      expect(t).toMatchObject({ name: 'root', startTime: new Date(T0 + 5000).toISOString(), latencyMs: 1000, input: 'hi' })
      await ingest('p1', { spans: [{ id: 'x2', traceId: 'X', parentId: 'x1', name: 'late', startTime: T0 + 5500, endTime: T0 + 9000 }] })
      t = (await store.getTrace('p1', 'X'))!.trace
      expect(t).toMatchObject({ latencyMs: 4000, spanCount: 2 })
      await ingest('p1', { traces: [{ id: 'X', name: 'declared', startTime: T0 + 1000 }] })
      t = (await store.getTrace('p1', 'X'))!.trace
      expect(t).toMatchObject({ name: 'declared', startTime: new Date(T0 + 1000).toISOString(), latencyMs: 8000, input: 'hi' })
    })

    it('replaces a re-sent span and follows it in the totals', async () => {
      const gen = { id: 'g', traceId: 'T', name: 'llm', type: 'generation' as const, startTime: T0, endTime: T0 + 10 }
      await ingest('p1', { spans: [{ ...gen, usage: { input: 10, output: 5 }, cost: { total: 1 } }] })
      await ingest('p1', { spans: [{ ...gen, name: 'llm-2', usage: { input: 20, output: 5 }, status: 'error' }] })
      const d = (await store.getTrace('p1', 'T'))!
      expect(d.spans).toHaveLength(1)
      expect(d.spans[0]).toMatchObject({ name: 'llm-2', cost: null })
      expect(d.trace).toMatchObject({ inputTokens: 20, totalTokens: 25, cost: null, errorCount: 1, status: 'error' })
    })

    it('merges a re-sent trace: fields left out keep their value', async () => {
      await ingest('p1', { traces: [{ id: 'M', name: 'n', userId: 'u', tags: ['a'], metadata: { k: 'v' }, input: 'q' }] })
      await ingest('p1', { traces: [{ id: 'M', output: 'a', tags: ['b'] }] })
      const t = (await store.getTrace('p1', 'M'))!.trace
      expect(t).toMatchObject({ name: 'n', userId: 'u', tags: ['b'], metadata: { k: 'v' }, input: 'q', output: 'a' })
    })

    it('writes a batch all or nothing', async () => {
      const { write } = validateBatch({ traces: [{ id: 'ok-trace' }], spans: [{ id: 's', traceId: 'ok-trace', name: 'x', startTime: T0 }] })
      // a value the database itself refuses, after a good trace in the same batch
      ;(write.spans[0] as { name: unknown }).name = null
      await expect(store.ingest('p1', write, T0)).rejects.toThrow()
      expect(await store.getTrace('p1', 'ok-trace')).toBeNull()
    })

    it('stores large and unicode payloads intact', async () => {
      const big = 'x'.repeat(2_000_000)
      await ingest('p1', { traces: [{ id: 'big', input: { text: big, emoji: '🦜 ünïcode' } }] })
      const t = (await store.getTrace('p1', 'big'))!.trace
      expect((t.input as { text: string }).text).toHaveLength(2_000_000)
      expect((t.input as { emoji: string }).emoji).toBe('🦜 ünïcode')
      const row = (await store.listTraces('p1', {})).data[0]!
      expect(row.inputPreview!.length).toBeLessThanOrEqual(300)
    })
  })
}
