import { describe, expect, it } from 'vitest'
import { parseScoreCondition, parseTraceListQuery } from './trace-filters'
import { traceListQueryToParams, type TraceListQuery } from './trace-query'

describe('trace list query parameters', () => {
  it('parses every filter by its wire name', () => {
    const params = new URLSearchParams(
      'from=2026-01-01T00:00:00Z&to=1767225600000&name=chat&userId=u&sessionId=s&environment=prod&release=1.2&version=v3' +
        '&tag=a&tag=b,c&metadata.plan=pro&metadata.region=eu&model=gpt-4o&status=error&minLatencyMs=10&maxLatencyMs=99.5' +
        '&minCost=0&maxCost=0.5&score.helpfulness=0.5..1&score.tone=friendly&score.ok=true&feedback=negative&q=refund' +
        '&sort=-latencyMs&limit=20&cursor=abc',
    )
    const r = parseTraceListQuery(params)
    expect(r).toEqual({
      success: true,
      data: {
        from: Date.UTC(2026, 0, 1),
        to: 1767225600000,
        name: 'chat',
        userId: 'u',
        sessionId: 's',
        environment: 'prod',
        release: '1.2',
        version: 'v3',
        tag: ['a', 'b', 'c'],
        metadata: { plan: 'pro', region: 'eu' },
        model: 'gpt-4o',
        status: 'error',
        minLatencyMs: 10,
        maxLatencyMs: 99.5,
        minCost: 0,
        maxCost: 0.5,
        score: { helpfulness: { min: 0.5, max: 1 }, tone: { value: 'friendly' }, ok: { value: true } },
        feedback: 'negative',
        q: 'refund',
        sort: '-latencyMs',
        limit: 20,
        cursor: 'abc',
      },
    })
  })

  it('round-trips through the client’s serializer', () => {
    const q: TraceListQuery = {
      from: 1767225600000,
      tag: ['x', 'y'],
      metadata: { 'a.b': 'c' },
      score: { s: { min: 1 }, t: { max: 2 }, u: { value: 3 } },
      feedback: 'positive',
      sort: 'cost',
      limit: 5,
    }
    const back = parseTraceListQuery(traceListQueryToParams(q))
    expect(back).toEqual({ success: true, data: q })
  })

  it('names each bad parameter', () => {
    const r = parseTraceListQuery({ limit: '0', sort: 'size', nope: '1', from: 'soon', 'score.x': '..', name: ['a', 'b'] })
    expect(r.success).toBe(false)
    if (r.success) return
    const paths = r.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['limit', 'sort', 'nope', 'from', 'score.x', 'name']))
    expect(r.issues.find((i) => i.path[0] === 'nope')!.message).toMatch(/known: .*userId/)
  })

  it('reads score conditions', () => {
    expect(parseScoreCondition('..0.3')).toEqual({ max: 0.3 })
    expect(parseScoreCondition('-1..')).toEqual({ min: -1 })
    expect(parseScoreCondition('false')).toEqual({ value: false })
    expect(parseScoreCondition('..')).toMatch(/min..max/)
    expect(parseScoreCondition('')).toMatch(/value/)
  })
})
