import { afterEach, describe, expect, it } from 'vitest'
import { hashKey } from '../auth/keys'
import { testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const vote = { id: 'fb_1', traceId: 'T1', name: 'user_feedback', value: true }
const send = (key: string | null, body: unknown, headers: Record<string, string> = {}) => ctx.call('POST', '/api/v1/feedback', key, body, headers)
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error
const token = async (body: Record<string, unknown>) =>
  ((await (await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, { kind: 'feedback', ...body })).json()) as { token: string }).token

describe('POST /api/v1/feedback', () => {
  it('stores, updates (toggle) and retracts one feedback score by its id', async () => {
    ctx = await testApp()
    expect(await (await send(ctx.keys.pk1, vote)).json()).toEqual({ id: 'fb_1', status: 'stored' })
    await send(ctx.keys.pk1, { ...vote, value: false, reasons: ['wrong answer'], comment: 'no' })
    const scores = await ctx.store.listScores('p1', { traceId: 'T1' })
    expect(scores.data).toHaveLength(1)
    expect(scores.data[0]).toMatchObject({ value: false, source: 'feedback', comment: 'no', metadata: { reasons: ['wrong answer'] } })
    expect(await (await send(ctx.keys.pk1, { id: 'fb_1', traceId: 'T1', retract: true })).json()).toEqual({ id: 'fb_1', status: 'retracted' })
    expect((await ctx.store.listScores('p1', { traceId: 'T1' })).data).toEqual([])
    // retracting again is harmless
    expect((await send(ctx.keys.pk1, { id: 'fb_1', traceId: 'T1', retract: true })).status).toBe(200)
  })

  it('accepts text/plain bodies with the key in the URL (sendBeacon)', async () => {
    ctx = await testApp()
    const res = await ctx.app.request(`/api/v1/feedback?key=${ctx.keys.pk1}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(vote),
    })
    expect(res.status).toBe(200)
    expect(await ctx.store.getScore('p1', 'fb_1')).toMatchObject({ value: true })
  })

  it('keeps feedback that arrives before its trace and shows it once the trace lands', async () => {
    ctx = await testApp()
    await send(ctx.keys.pk1, { ...vote, traceId: 'LATER' })
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: [{ id: 'LATER', name: 'x' }] })
    const detail = (await (await ctx.call('GET', '/api/v1/traces/LATER', ctx.keys.p1)).json()) as { scores: { id: string }[] }
    expect(detail.scores.map((s) => s.id)).toEqual(['fb_1'])
  })

  it('refuses a page on an origin that is not allowed, but takes allowed and same origins', async () => {
    ctx = await testApp({ config: { allowedOrigins: ['https://app.example'] } })
    await ctx.store.putKey(hashKey(ctx.keys.pk1), 'pk', { projectId: 'p1', kind: 'public', origins: ['https://app.example'], requireToken: false })
    const evil = await send(ctx.keys.pk1, vote, { origin: 'https://evil.example' })
    expect(evil.status).toBe(403)
    expect((await errorOf(evil)).message).toMatch(/evil.example is not allowed/)
    expect((await send(ctx.keys.pk1, vote, { origin: 'https://app.example' })).status).toBe(200)
    expect((await send(ctx.keys.pk1, vote, { origin: 'http://localhost' })).status).toBe(200)
  })

  it('refuses wrong keys, view tokens and public keys switched to token-only', async () => {
    ctx = await testApp()
    expect((await send('pk-sl-wrong', vote)).status).toBe(401)
    expect((await send(null, vote)).status).toBe(401)
    const view = ((await (await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, { kind: 'view' })).json()) as { token: string }).token
    expect((await send(view, vote)).status).toBe(403)
    await ctx.store.putKey(hashKey(ctx.keys.pk1), 'pk', { projectId: 'p1', kind: 'public', origins: [], requireToken: true })
    const res = await send(ctx.keys.pk1, vote)
    expect(res.status).toBe(403)
    expect((await errorOf(res)).message).toMatch(/requires a feedback token/)
  })

  it('holds feedback tokens to their traces, names and expiry', async () => {
    let now = Date.now()
    ctx = await testApp({ now: () => now })
    const t = await token({ traceIds: ['T1'], names: ['user_feedback'], expiresIn: 60 })
    expect((await send(t, vote)).status).toBe(200)
    const other = await send(t, { ...vote, id: 'fb_2', traceId: 'T2' })
    expect(other.status).toBe(403)
    expect((await errorOf(other)).message).toMatch(/trace T2/)
    expect((await send(t, { ...vote, id: 'fb_3', name: 'helpfulness', value: 1 })).status).toBe(403)
    now += 61_000
    const expired = await send(t, vote)
    expect(expired.status).toBe(401)
    expect((await errorOf(expired)).message).toMatch(/expired/)
  })

  it('checks values against the score’s data type and limits text', async () => {
    ctx = await testApp()
    await send(ctx.keys.pk1, vote)
    const wrongType = await send(ctx.keys.pk1, { ...vote, id: 'fb_2', traceId: 'T2', value: 'great' })
    expect(wrongType.status).toBe(400)
    expect((await errorOf(wrongType)).message).toMatch(/holds boolean values/)
    const declared = await send(ctx.keys.pk1, { ...vote, id: 'fb_3', value: 'x', dataType: 'numeric' })
    expect(declared.status).toBe(400)
    for (const [field, body] of [
      ['comment', { ...vote, comment: 'c'.repeat(2001) }],
      ['correction', { ...vote, correction: 'c'.repeat(10_001) }],
      ['value', { id: 'x', traceId: 'T' }],
      ['source', { ...vote, source: 'human' }],
    ] as const) {
      const res = await send(ctx.keys.pk1, body)
      expect(res.status, field).toBe(400)
      expect(JSON.stringify(await res.json()), field).toContain(`"path":["${field}"]`)
    }
  })

  it('never lets a browser overwrite or delete a score that is not its feedback', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { id: 'review-1', traceId: 'T1', name: 'user_feedback', value: true, source: 'human' })
    expect((await send(ctx.keys.pk1, { ...vote, id: 'review-1', value: false })).status).toBe(403)
    expect((await send(ctx.keys.pk1, { id: 'review-1', traceId: 'T1', retract: true })).status).toBe(403)
    expect(await ctx.store.getScore('p1', 'review-1')).toMatchObject({ value: true, source: 'human' })
  })

  it('rate limits per credential and client with 429 and Retry-After', async () => {
    ctx = await testApp({ config: { feedbackPerMinute: 6, feedbackBurst: 3 } })
    for (let i = 0; i < 3; i++) expect((await send(ctx.keys.pk1, { ...vote, id: `r${i}` })).status).toBe(200)
    const limited = await send(ctx.keys.pk1, { ...vote, id: 'r3' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBe(10)
    expect((await errorOf(limited)).code).toBe('rate_limited')
    // the secret key is never limited
    expect((await send(ctx.keys.p1, { ...vote, id: 'r4' })).status).toBe(200)
  })
})
