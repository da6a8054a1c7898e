import type { IngestBatch, MetricName, MetricsQuery } from '@sightline/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validateBatch } from '../services/ingest'
import { queryMetrics } from '../services/metrics'
import { T0 } from './store-contract'
import type { Store } from './types'

const MIN = 60_000
const H = 3_600_000

/** Five traces whose every metric is worked out by hand in the cases below. */
export function metricsFixture(): IngestBatch {
  const gen = (
    trace: string,
    id: string,
    start: number,
    ms: number,
    model: string,
    provider: string,
    usage: [number, number],
    cost: number,
    ttft: number | null,
    error = false,
  ) => ({
    id,
    traceId: trace,
    parentId: `${trace}-root`,
    name: 'llm',
    type: 'generation' as const,
    startTime: start,
    endTime: start + ms,
    completionStartTime: ttft == null ? null : start + ttft,
    model,
    provider,
    usage: { input: usage[0], output: usage[1] },
    cost: { total: cost },
    status: error ? ('error' as const) : ('ok' as const),
  })
  const root = (trace: string, start: number, ms: number) => ({
    id: `${trace}-root`,
    traceId: trace,
    name: 'root',
    type: 'chain' as const,
    startTime: start,
    endTime: start + ms,
  })
  const m1 = T0 + 10 * MIN
  const m2 = T0 + 20 * MIN
  const m3 = T0 + 70 * MIN
  const m4 = T0 + 16 * H
  return {
    traces: [
      {
        id: 'm1',
        name: 'chat',
        environment: 'production',
        release: '1',
        userId: 'u1',
        sessionId: 's1',
        tags: ['beta'],
        metadata: { plan: 'pro' },
      },
      { id: 'm2', name: 'chat', environment: 'production', release: '1', userId: 'u2', sessionId: 's2', metadata: { plan: 'free' } },
      { id: 'm3', name: 'rag', environment: 'staging', release: '2', userId: 'u1', sessionId: 's1', tags: ['beta'] },
      { id: 'm4', name: 'chat', environment: 'production', release: '2', userId: 'u3' },
      { id: 'm5', name: 'agent', environment: 'production', startTime: T0 + 3 * H, endTime: T0 + 3 * H + 1500 },
    ],
    spans: [
      root('m1', m1, 1000),
      gen('m1', 'm1-gen', m1 + 100, 800, 'gpt-4o', 'openai', [100, 50], 0.01, 200),
      root('m2', m2, 3000),
      gen('m2', 'm2-gen', m2 + 100, 2500, 'gpt-4o', 'openai', [200, 100], 0.02, 400, true),
      root('m3', m3, 2000),
      gen('m3', 'm3-gen', m3 + 100, 1500, 'claude-3', 'anthropic', [300, 30], 0.03, 300),
      {
        id: 'm3-emb',
        traceId: 'm3',
        parentId: 'm3-root',
        name: 'embed',
        type: 'embedding',
        startTime: m3 + 10,
        endTime: m3 + 60,
        model: 'text-emb',
        provider: 'openai',
        usage: { input: 10 },
        cost: { total: 0.0001 },
      },
      root('m4', m4, 500),
      gen('m4', 'm4-gen', m4 + 50, 400, 'gpt-4o', 'openai', [50, 10], 0.005, 100),
    ],
    scores: [
      { id: 'f1', traceId: 'm1', name: 'user_feedback', value: true, source: 'feedback' },
      { id: 'f2', traceId: 'm2', name: 'user_feedback', value: false, source: 'feedback' },
      { id: 'f3', traceId: 'm3', name: 'user_feedback', value: true, source: 'feedback' },
      { id: 'h1', traceId: 'm1', name: 'helpfulness', value: 0.8 },
      { id: 'h2', traceId: 'm2', name: 'helpfulness', value: 0.4 },
      { id: 't1', traceId: 'm1', name: 'tone', value: 'friendly' },
      { id: 't3', traceId: 'm3', name: 'tone', value: 'rude' },
    ],
  }
}

const ALL = [
  'count',
  'errors',
  'errorRate',
  'latency.avg',
  'latency.p50',
  'tokens.total.sum',
  'tokens.input.avg',
  'cost.sum',
  'cost.avg',
  'users',
  'sessions',
  'ttft.p50',
  'feedback.count',
  'feedback.positiveRate',
  'feedback.negative',
  'score.helpfulness.avg',
  'score.helpfulness.count',
  'score.tone.distribution',
] as const

/** Percentiles carry a stated relative error; everything else is exact. */
function expectValues(actual: Record<string, number | null>, expected: Record<string, number | null>, relativeError: number) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
  for (const [k, v] of Object.entries(expected)) {
    if (v === null) expect(actual[k], k).toBeNull()
    else if (/\.p\d+$/.test(k)) expect(Math.abs(actual[k]! - v) / v, k).toBeLessThanOrEqual(relativeError)
    else expect(actual[k], k).toBeCloseTo(v, 10)
  }
}

/**
 * For backends' migration tests: rollups emptied and derived again (`rederive`) must answer
 * the fixture's feedback as before.
 */
export async function expectRollupsRederived(first: Store, rederive: () => Promise<Store>) {
  await first.migrate()
  await first.createProject({ id: 'p1', name: 'p1', signingSecret: 's' })
  await first.ingest('p1', validateBatch(metricsFixture()).write, T0 + 24 * H)
  await first.close()
  const store = await rederive()
  const r = await queryMetrics(store, 'p1', {
    metrics: ['count', 'feedback.count', 'feedback.negative', 'users', 'sessions'],
    from: T0,
    to: T0 + 4 * H,
    interval: '1h',
    tz: 'UTC',
    limit: 10,
    filters: {},
    groupBy: 'environment',
  })
  await store.close()
  expect(r.series.map((s) => [s.group, s.totals])).toEqual([
    ['production', { count: 3, 'feedback.count': 2, 'feedback.negative': 1, users: 2, sessions: 2 }],
    ['staging', { count: 1, 'feedback.count': 1, 'feedback.negative': 0, users: 1, sessions: 1 }],
  ])
}

export function runMetricsContract(name: string, open: () => Promise<Store>) {
  describe(`Metrics contract: ${name}`, () => {
    let store: Store
    const q = (over: Partial<MetricsQuery>): MetricsQuery => ({
      metrics: [...ALL],
      from: T0,
      to: T0 + 4 * H,
      interval: '1h',
      tz: 'UTC',
      limit: 10,
      filters: {},
      ...over,
    })
    const run = (over: Partial<MetricsQuery>) => queryMetrics(store, 'p1', q(over))
    const ingest = async (batch: IngestBatch, now = T0 + 24 * H) => {
      const { write, result } = validateBatch(batch)
      expect(result.rejected).toEqual([])
      await store.ingest('p1', write, now)
    }

    beforeEach(async () => {
      store = await open()
      await store.migrate()
      await store.createProject({ id: 'p1', name: 'p1', signingSecret: 's' })
      await ingest(metricsFixture())
    })
    afterEach(() => store.close())

    it('computes every metric per bucket, zero-fills gaps and totals the range', async () => {
      const r = await run({})
      const e = r.percentiles.relativeError
      expect(r).toMatchObject({ interval: '1h', from: new Date(T0).toISOString(), to: new Date(T0 + 4 * H).toISOString() })
      expect(r.series).toHaveLength(1)
      const s = r.series[0]!
      expect(s.group).toBeNull()
      expect(s.points.map((p) => p.t)).toEqual([0, 1, 2, 3].map((h) => new Date(T0 + h * H).toISOString()))
      expectValues(
        s.points[0]!.values,
        {
          count: 2,
          errors: 1,
          errorRate: 0.5,
          'latency.avg': 2000,
          'latency.p50': 1000,
          'tokens.total.sum': 450,
          'tokens.input.avg': 150,
          'cost.sum': 0.03,
          'cost.avg': 0.015,
          users: 2,
          sessions: 2,
          'ttft.p50': 200,
          'feedback.count': 2,
          'feedback.positiveRate': 0.5,
          'feedback.negative': 1,
          'score.helpfulness.avg': 0.6,
          'score.helpfulness.count': 2,
          'score.tone.distribution.friendly': 1,
        },
        e,
      )
      expectValues(
        s.points[1]!.values,
        {
          count: 1,
          errors: 0,
          errorRate: 0,
          'latency.avg': 2000,
          'latency.p50': 2000,
          'tokens.total.sum': 340,
          'tokens.input.avg': 310,
          'cost.sum': 0.0301,
          'cost.avg': 0.0301,
          users: 1,
          sessions: 1,
          'ttft.p50': 300,
          'feedback.count': 1,
          'feedback.positiveRate': 1,
          'feedback.negative': 0,
          'score.helpfulness.avg': null,
          'score.helpfulness.count': 0,
          'score.tone.distribution.rude': 1,
        },
        e,
      )
      // an empty hour: counts and sums are 0, averages, rates and percentiles are gaps
      expectValues(
        s.points[2]!.values,
        {
          count: 0,
          errors: 0,
          errorRate: null,
          'latency.avg': null,
          'latency.p50': null,
          'tokens.total.sum': 0,
          'tokens.input.avg': null,
          'cost.sum': 0,
          'cost.avg': null,
          users: 0,
          sessions: 0,
          'ttft.p50': null,
          'feedback.count': 0,
          'feedback.positiveRate': null,
          'feedback.negative': 0,
          'score.helpfulness.avg': null,
          'score.helpfulness.count': 0,
        },
        e,
      )
      expectValues(
        s.points[3]!.values,
        {
          count: 1,
          errors: 0,
          errorRate: 0,
          'latency.avg': 1500,
          'latency.p50': 1500,
          'tokens.total.sum': 0,
          'tokens.input.avg': 0,
          'cost.sum': 0,
          'cost.avg': null,
          users: 0,
          sessions: 0,
          'ttft.p50': null,
          'feedback.count': 0,
          'feedback.positiveRate': null,
          'feedback.negative': 0,
          'score.helpfulness.avg': null,
          'score.helpfulness.count': 0,
        },
        e,
      )
      const totals = {
        count: 4,
        errors: 1,
        errorRate: 0.25,
        'latency.avg': 1875,
        'latency.p50': 1500,
        'tokens.total.sum': 790,
        'tokens.input.avg': 152.5,
        'cost.sum': 0.0601,
        'cost.avg': 0.0601 / 3,
        users: 2,
        sessions: 2,
        'ttft.p50': 300,
        'feedback.count': 3,
        'feedback.positiveRate': 2 / 3,
        'feedback.negative': 1,
        'score.helpfulness.avg': 0.6,
        'score.helpfulness.count': 2,
        'score.tone.distribution.friendly': 1,
        'score.tone.distribution.rude': 1,
      }
      expectValues(r.totals, totals, e)
      expectValues(s.totals, totals, e)
    })

    it('groups by model as LLM calls, ranks groups and folds the rest into "other"', async () => {
      const metrics = ['count', 'tokens.total.sum', 'cost.sum', 'latency.avg', 'errors'] as const
      const r = await run({ metrics: [...metrics], groupBy: 'model' })
      expect(r.series.map((s) => s.group)).toEqual(['gpt-4o', 'claude-3', 'text-emb'])
      expectValues(r.series[0]!.totals, { count: 2, 'tokens.total.sum': 450, 'cost.sum': 0.03, 'latency.avg': 1650, errors: 1 }, 0)
      expectValues(
        r.series[1]!.points[1]!.values,
        { count: 1, 'tokens.total.sum': 330, 'cost.sum': 0.03, 'latency.avg': 1500, errors: 0 },
        0,
      )
      expectValues(r.series[2]!.totals, { count: 1, 'tokens.total.sum': 10, 'cost.sum': 0.0001, 'latency.avg': 50, errors: 0 }, 0)
      const cut = await run({ metrics: [...metrics], groupBy: 'model', limit: 1 })
      expect(cut.series.map((s) => s.group)).toEqual(['gpt-4o', 'other'])
      expectValues(cut.series[1]!.totals, { count: 2, 'tokens.total.sum': 340, 'cost.sum': 0.0301, 'latency.avg': 775, errors: 0 }, 0)
      expectValues(
        cut.totals,
        { count: 4, 'tokens.total.sum': 790, 'cost.sum': 0.0601, 'latency.avg': (800 + 2500 + 1500 + 50) / 4, errors: 1 },
        0,
      )
      const byProvider = await run({ metrics: ['count', 'cost.sum'], groupBy: 'provider' })
      expect(byProvider.series.map((s) => [s.group, s.totals.count])).toEqual([
        ['openai', 3],
        ['anthropic', 1],
      ])
    })

    it('groups traces by every other dimension', async () => {
      const groups = async (groupBy: MetricsQuery['groupBy'], metrics: MetricName[] = ['count']) =>
        (await run({ metrics, groupBy })).series.map((s) => [s.group, s.totals[metrics[0]!]])
      expect(await groups('environment')).toEqual([
        ['production', 3],
        ['staging', 1],
      ])
      expect(await groups('name')).toEqual([
        ['chat', 2],
        ['agent', 1],
        ['rag', 1],
      ])
      expect(await groups('release')).toEqual([
        ['1', 2],
        ['2', 1],
        [null, 1],
      ])
      expect(await groups('userId')).toEqual([
        ['u1', 2],
        ['u2', 1],
        [null, 1],
      ])
      expect(await groups('tag')).toEqual([
        ['beta', 2],
        [null, 2],
      ])
      expect(await groups('metadata.plan')).toEqual([
        [null, 2],
        ['free', 1],
        ['pro', 1],
      ])
      expect(await groups('score.tone')).toEqual([
        [null, 2],
        ['friendly', 1],
        ['rude', 1],
      ])
      expect(await groups('version')).toEqual([[null, 4]])
      expect(await groups('environment', ['feedback.positiveRate', 'feedback.count'])).toEqual([
        ['production', 0.5],
        ['staging', 1],
      ])
    })

    it('applies trace-list filters', async () => {
      const total = async (filters: MetricsQuery['filters'], metrics: MetricName[] = ['count']) => (await run({ metrics, filters })).totals
      expect(await total({ environment: 'production', release: '1' })).toEqual({ count: 2 })
      expect(await total({ name: 'chat' })).toEqual({ count: 2 })
      expect(await total({ userId: 'u1' }, ['count', 'sessions'])).toEqual({ count: 2, sessions: 1 })
      expect(await total({ model: 'claude-3' })).toEqual({ count: 1 })
      expect(await total({ feedback: 'negative' }, ['count', 'cost.sum'])).toEqual({ count: 1, 'cost.sum': 0.02 })
      expect(await total({ tag: ['beta'] }, ['tokens.total.sum'])).toEqual({ 'tokens.total.sum': 490 })
      expect((await run({ metrics: ['count'], groupBy: 'model', filters: { environment: 'staging' } })).series.map((s) => s.group)).toEqual(
        ['claude-3', 'text-emb'],
      )
    })

    it('aligns day buckets to the time zone', async () => {
      const utc = await run({ metrics: ['count'], interval: '1d', from: T0, to: T0 + 20 * H })
      expect(utc.series[0]!.points.map((p) => [p.t, p.values.count])).toEqual([[new Date(T0).toISOString(), 5]])
      const tokyo = await run({ metrics: ['count'], interval: '1d', tz: 'Asia/Tokyo', from: T0, to: T0 + 20 * H })
      expect(tokyo.from).toBe('2025-12-31T15:00:00.000Z')
      expect(tokyo.series[0]!.points.map((p) => [p.t, p.values.count])).toEqual([
        ['2025-12-31T15:00:00.000Z', 4],
        ['2026-01-01T15:00:00.000Z', 1],
      ])
      const kolkata = await run({ metrics: ['count'], interval: '1h', tz: 'Asia/Kolkata', from: T0, to: T0 + 2 * H })
      expect(kolkata.series[0]!.points.map((p) => [p.t, p.values.count])).toEqual([
        ['2025-12-31T23:30:00.000Z', 2],
        ['2026-01-01T00:30:00.000Z', 1],
        ['2026-01-01T01:30:00.000Z', 0],
      ])
    })

    it('counts scores from the sources asked for', async () => {
      await ingest({
        scores: [
          { id: 'e1', traceId: 'm3', name: 'helpfulness', value: 0.3, source: 'eval' },
          { id: 'e3', traceId: 'm3', name: 'tone', value: 'rude', source: 'human' },
        ],
      })
      const scores = async (filters: MetricsQuery['filters'], groupBy?: MetricsQuery['groupBy']) =>
        (await run({ metrics: ['score.helpfulness.avg', 'score.helpfulness.count', 'count'], filters, groupBy })).series.map((s) => [
          s.group,
          s.totals,
        ])
      expect(await scores({})).toEqual([[null, { 'score.helpfulness.avg': 0.5, 'score.helpfulness.count': 3, count: 4 }]])
      expect(await scores({ source: ['api'] })).toEqual([[null, { 'score.helpfulness.avg': 0.6, 'score.helpfulness.count': 2, count: 4 }]])
      expect(await scores({ source: ['eval', 'human'] })).toEqual([
        [null, { 'score.helpfulness.avg': 0.3, 'score.helpfulness.count': 1, count: 4 }],
      ])
      // a score group reads the same sources: m3's human tone only (and no human helpfulness)
      expect(await scores({ source: ['human'] }, 'score.tone')).toEqual([
        [null, { 'score.helpfulness.avg': null, 'score.helpfulness.count': 0, count: 3 }],
        ['rude', { 'score.helpfulness.avg': null, 'score.helpfulness.count': 0, count: 1 }],
      ])
    })

    it('cuts weeks from Monday and months from the 1st, at local midnight', async () => {
      // T0 is Thursday 2026-01-01; in Tokyo it is 09:00 that day.
      const week = await run({ metrics: ['count'], interval: '1w', from: T0, to: T0 + 20 * H })
      expect(week.series[0]!.points.map((p) => [p.t, p.values.count])).toEqual([['2025-12-29T00:00:00.000Z', 5]])
      const tokyoWeek = await run({ metrics: ['count'], interval: '1w', tz: 'Asia/Tokyo', from: T0, to: T0 + 20 * H })
      expect(tokyoWeek.series[0]!.points.map((p) => [p.t, p.values.count])).toEqual([['2025-12-28T15:00:00.000Z', 5]])
      const tokyoMonth = await run({
        metrics: ['count'],
        interval: '1mo',
        tz: 'Asia/Tokyo',
        from: T0,
        to: T0 + 20 * H,
        compare: 'previous',
      })
      expect(tokyoMonth).toMatchObject({ from: '2025-12-31T15:00:00.000Z', to: '2026-01-31T15:00:00.000Z' })
      expect(tokyoMonth.series[0]!.points.map((p) => [p.t, p.values.count])).toEqual([['2025-12-31T15:00:00.000Z', 5]])
      expect(tokyoMonth.previous).toMatchObject({ from: '2025-11-30T15:00:00.000Z', to: '2025-12-31T15:00:00.000Z', totals: { count: 0 } })
    })

    it('compares with the previous period of the same length', async () => {
      const r = await run({ metrics: ['count', 'cost.sum'], from: T0 + H, to: T0 + 2 * H, compare: 'previous', groupBy: 'environment' })
      expect(r.totals).toEqual({ count: 1, 'cost.sum': 0.0301 })
      expect(r.previous).toMatchObject({
        from: new Date(T0).toISOString(),
        to: new Date(T0 + H).toISOString(),
        totals: { count: 2, 'cost.sum': 0.03 },
      })
      expect(r.previous!.series.map((s) => [s.group, s.totals.count])).toEqual([['staging', 0]])
    })

    it('follows late and re-sent data', async () => {
      const before = await run({ metrics: ['count', 'tokens.total.sum', 'cost.sum', 'errors'], groupBy: 'model' })
      await ingest({
        spans: [
          // re-sent with other usage, and a late call in the same trace
          {
            id: 'm1-gen',
            traceId: 'm1',
            parentId: 'm1-root',
            name: 'llm',
            type: 'generation',
            startTime: T0 + 10 * MIN + 100,
            endTime: T0 + 10 * MIN + 900,
            model: 'gpt-4o',
            provider: 'openai',
            usage: { input: 1000, output: 500 },
            cost: { total: 0.1 },
          },
          {
            id: 'm1-late',
            traceId: 'm1',
            parentId: 'm1-root',
            name: 'llm',
            type: 'generation',
            startTime: T0 + 10 * MIN + 950,
            endTime: T0 + 10 * MIN + 990,
            model: 'claude-3',
            provider: 'anthropic',
            usage: { input: 1, output: 1 },
            cost: { total: 0.001 },
            status: 'error',
          },
        ],
        traces: [{ id: 'm2', environment: 'staging' }],
      })
      const after = await run({ metrics: ['count', 'tokens.total.sum', 'cost.sum', 'errors'], groupBy: 'model' })
      expect(before.series[0]!.totals).toEqual({ count: 2, 'tokens.total.sum': 450, 'cost.sum': 0.03, errors: 1 })
      expect(after.series.map((s) => [s.group, s.totals])).toEqual([
        ['claude-3', { count: 2, 'tokens.total.sum': 332, 'cost.sum': 0.031, errors: 1 }],
        ['gpt-4o', { count: 2, 'tokens.total.sum': 1800, 'cost.sum': 0.12, errors: 1 }],
        ['text-emb', { count: 1, 'tokens.total.sum': 10, 'cost.sum': 0.0001, errors: 0 }],
      ])
      const env = await run({ metrics: ['count', 'errors'], groupBy: 'environment' })
      expect(env.series.map((s) => [s.group, s.totals])).toEqual([
        ['production', { count: 2, errors: 1 }],
        ['staging', { count: 2, errors: 1 }],
      ])
    })

    it('follows users and sessions when a trace changes user, hour or dimensions', async () => {
      const people = async () => {
        const r = await run({ metrics: ['users', 'sessions'], groupBy: 'environment' })
        return [r.totals, ...r.series.map((s) => [s.group, s.totals, s.points.map((p) => p.values.users)])]
      }
      expect(await people()).toEqual([
        { users: 2, sessions: 2 },
        ['production', { users: 2, sessions: 2 }, [2, 0, 0, 0]],
        ['staging', { users: 1, sessions: 1 }, [0, 1, 0, 0]],
      ])
      // m1 and m2 now share user, hour and dimensions: u1 stays when m1 leaves.
      await ingest({ traces: [{ id: 'm2', userId: 'u1' }] })
      await ingest({
        traces: [{ id: 'm1', environment: 'staging' }],
        // An earlier span moves m3 into the first hour.
        spans: [
          {
            id: 'm3-early',
            traceId: 'm3',
            parentId: 'm3-root',
            name: 'early',
            type: 'span',
            startTime: T0 + 30 * MIN,
            endTime: T0 + 31 * MIN,
          },
        ],
      })
      expect(await people()).toEqual([
        { users: 1, sessions: 2 },
        ['production', { users: 1, sessions: 1 }, [1, 0, 0, 0]],
        ['staging', { users: 1, sessions: 1 }, [1, 0, 0, 0]],
      ])
      expect((await run({ metrics: ['users'], interval: '1d', from: T0, to: T0 + 24 * H })).totals).toEqual({ users: 2 })
    })

    it('follows feedback that arrives late, toggles, moves, is deleted, or comes before its trace', async () => {
      const feedback = async () =>
        (await run({ metrics: ['feedback.count', 'feedback.positiveRate', 'feedback.negative'], groupBy: 'environment' })).series.map(
          (s) => [s.group, s.totals],
        )
      expect(await feedback()).toEqual([
        ['production', { 'feedback.count': 2, 'feedback.positiveRate': 0.5, 'feedback.negative': 1 }],
        ['staging', { 'feedback.count': 1, 'feedback.positiveRate': 1, 'feedback.negative': 0 }],
      ])
      await ingest({
        scores: [
          { id: 'f2', traceId: 'm2', name: 'user_feedback', value: true, source: 'feedback' }, // a thumb toggled
          { id: 'f4', traceId: 'm4', name: 'user_feedback', value: false, source: 'feedback' }, // late, on a feedback-less trace
          { id: 'f3', traceId: 'm5', name: 'user_feedback', value: true, source: 'feedback' }, // moved from m3 to m5
          { id: 'f9', traceId: 'later', name: 'user_feedback', value: false, source: 'feedback' }, // before its trace
        ],
      })
      // m4 lies outside the range; staging lost its only feedback, so it has no series.
      expect(await feedback()).toEqual([['production', { 'feedback.count': 3, 'feedback.positiveRate': 1, 'feedback.negative': 0 }]])
      const m4Day = await run({ metrics: ['feedback.count', 'feedback.negative'], from: T0, to: T0 + 24 * H, interval: '1d' })
      expect(m4Day.totals).toEqual({ 'feedback.count': 4, 'feedback.negative': 1 })
      await ingest({ traces: [{ id: 'later', environment: 'staging', startTime: T0 + 30 * MIN }] })
      expect(await store.deleteScore('p1', 'f1')).toBe(true)
      await ingest({ scores: [{ id: 'h1', traceId: 'm2', name: 'helpfulness', value: 0.1 }] }) // not feedback: no change
      expect(await feedback()).toEqual([
        ['production', { 'feedback.count': 2, 'feedback.positiveRate': 1, 'feedback.negative': 0 }],
        ['staging', { 'feedback.count': 1, 'feedback.positiveRate': 0, 'feedback.negative': 1 }],
      ])
      // Asked together with units, feedback still counts once, and ranks groups only when asked for.
      const both = await run({ metrics: ['count', 'feedback.count'], groupBy: 'environment' })
      expect(both.series.map((s) => [s.group, s.totals])).toEqual([
        ['production', { count: 3, 'feedback.count': 2 }],
        ['staging', { count: 2, 'feedback.count': 1 }],
      ])
    })
  })
}
