import { afterEach, describe, expect, it } from 'vitest'
import { hashKey } from '../auth/keys'
import { PAGE_ORIGIN, testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const vote = { id: 'fb_1', traceId: 'T1', name: 'user_feedback', value: true }
/** A vote as the test page's browser sends it: its origin travels with every POST. */
const send = (key: string | null, body: unknown, headers: Record<string, string> = {}) =>
  ctx.call('POST', '/api/v1/feedback', key, body, { origin: PAGE_ORIGIN, ...headers })
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
    expect(await (await send(ctx.keys.pk1, { id: 'fb_1', traceId: 'T1', retract: true })).json()).toEqual({
      id: 'fb_1',
      status: 'retracted',
    })
    expect((await ctx.store.listScores('p1', { traceId: 'T1' })).data).toEqual([])
    // retracting again is harmless
    expect((await send(ctx.keys.pk1, { id: 'fb_1', traceId: 'T1', retract: true })).status).toBe(200)
  })

  it('accepts text/plain bodies with the key in the URL (sendBeacon)', async () => {
    ctx = await testApp()
    const res = await ctx.app.request(`/api/v1/feedback?key=${ctx.keys.pk1}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: PAGE_ORIGIN },
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

  it('refuses a page on an origin that is not allowed, but takes allowed ones and the server’s own', async () => {
    ctx = await testApp({ config: { allowedOrigins: ['https://app.example'], ownOrigins: ['https://sightline.example'] } })
    await ctx.store.putKey(hashKey(ctx.keys.pk1), 'pk', {
      projectId: 'p1',
      kind: 'public',
      origins: ['https://app.example'],
      requireToken: false,
    })
    const evil = await send(ctx.keys.pk1, vote, { origin: 'https://evil.example' })
    expect(evil.status).toBe(403)
    expect((await errorOf(evil)).message).toMatch(/evil.example is not allowed/)
    expect((await send(ctx.keys.pk1, vote, { origin: 'https://app.example' })).status).toBe(200)
    expect((await send(ctx.keys.pk1, vote, { origin: 'https://sightline.example' })).status).toBe(200)
    expect((await send(ctx.keys.pk1, vote, { origin: 'null' })).status).toBe(403)
  })

  it('takes the server’s own origin from its configuration, not from the Host a request names', async () => {
    ctx = await testApp({ config: { ownOrigins: ['https://sightline.example'] } })
    // A page on a DNS name rebound to this server's address: its requests name its host as Host.
    const rebound = await ctx.app.request(`http://evil.example/api/v1/feedback?key=${ctx.keys.pk1}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body: JSON.stringify(vote),
    })
    expect(rebound.status).toBe(403)
    expect((await errorOf(rebound)).message).toMatch(/origin http:\/\/evil.example is not allowed/)
    expect(await ctx.store.getScore('p1', 'fb_1')).toBeNull()
  })

  it('refuses a public key on a request that names no origin, saying why', async () => {
    ctx = await testApp()
    for (const res of [
      await ctx.call('POST', '/api/v1/feedback', ctx.keys.pk1, vote),
      await ctx.app.request(`/api/v1/feedback?key=${ctx.keys.pk1}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(vote),
      }),
    ]) {
      expect(res.status).toBe(403)
      expect((await errorOf(res)).message).toMatch(/only from a browser page on an allowed origin.*no Origin header/)
    }
    expect(await ctx.store.getScore('p1', 'fb_1')).toBeNull()
    // Tokens and the secret key are not bound to pages.
    const t = await token({ traceIds: ['T1'] })
    expect((await ctx.call('POST', '/api/v1/feedback', t, vote)).status).toBe(200)
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
    expect((await errorOf(wrongType)).message).toMatch(/user_feedback takes true or false/)
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
    await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, {
      id: 'review-1',
      traceId: 'T1',
      name: 'user_feedback',
      value: true,
      source: 'human',
    })
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

describe('feedback names', () => {
  // biome-ignore lint/suspicious/noExplicitAny: replies read loosely, as in the other route tests
  type Json = Record<string, any>
  const json = async (res: Response) => (await res.json()) as Json
  const issuesOf = async (res: Response) => ((await json(res)).error.issues as { path: (string | number)[] }[]).map((i) => i.path.join('.'))
  const config = async (body: Json) => ctx.call('POST', '/api/v1/score-configs', ctx.keys.p1, body)
  const average = async (name: string, source = '') =>
    (
      await json(
        await ctx.call(
          'GET',
          `/api/v1/metrics?metrics=score.${name}.avg&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z${source}`,
          ctx.keys.p1,
        ),
      )
    ).totals[`score.${name}.avg`]

  it('never let a browser write a rubric reviewers own, nor move its figures', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: [{ id: 'T1', startTime: '2026-01-01T01:00:00Z' }] })
    const quality = await json(await config({ name: 'quality', dataType: 'numeric', min: 1, max: 5 }))
    await ctx.call('POST', '/api/v1/queues', ctx.keys.p1, { name: 'Review', scoreConfigIds: [quality.id] })
    for (const [id, value] of [
      ['h1', 3],
      ['h2', 3],
      ['h3', 4],
    ] as const)
      await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { id, traceId: 'T1', name: 'quality', value, source: 'human' })
    expect(await average('quality')).toBeCloseTo(3.33, 2)
    const forged = await send(ctx.keys.pk1, { id: 'x', traceId: 'T1', name: 'quality', value: -1_000_000 })
    expect(forged.status).toBe(403)
    expect((await errorOf(forged)).message).toMatch(/reviewers or evaluators/)
    const t = await token({ traceIds: ['T1'], names: ['quality'] })
    expect((await send(t, { id: 'y', traceId: 'T1', name: 'quality', value: 5 })).status).toBe(403)
    expect(await average('quality')).toBeCloseTo(3.33, 2)
    // and a name nobody declared is refused, naming the field
    const undeclared = await send(ctx.keys.pk1, { id: 'z', traceId: 'T1', name: 'vibes', value: 1 })
    expect(undeclared.status).toBe(400)
    expect(await issuesOf(undeclared)).toEqual(['name'])
  })

  it('hold values to the declaration: user_feedback takes booleans or ratings within their scale', async () => {
    ctx = await testApp()
    // a number first never fixes the type: real thumbs still work after it
    const bare = await send(ctx.keys.pk1, { ...vote, value: 42 })
    expect(bare.status).toBe(400)
    expect(await issuesOf(bare)).toEqual(['metadata.scale'])
    expect((await send(ctx.keys.pk1, vote)).status).toBe(200)
    const rating = { id: 'r1', traceId: 'T1', value: 4, metadata: { scale: { min: 1, max: 5 } } }
    expect((await send(ctx.keys.pk1, rating)).status).toBe(200)
    expect(await issuesOf(await send(ctx.keys.pk1, { ...rating, value: 6 }))).toEqual(['value'])
    expect(await issuesOf(await send(ctx.keys.pk1, { ...rating, metadata: { scale: { min: 5, max: 1 } } }))).toEqual(['metadata.scale'])
    expect(await issuesOf(await send(ctx.keys.pk1, { ...vote, value: 'great' }))).toEqual(['value'])
    expect(await issuesOf(await send(ctx.keys.pk1, { ...vote, dataType: 'numeric' }))).toEqual(['dataType'])
  })

  it('take names declared with feedback: true, checked against their config', async () => {
    ctx = await testApp()
    const solved = await json(await config({ name: 'solved', dataType: 'boolean', feedback: true }))
    expect(solved).toMatchObject({ name: 'solved', feedback: true })
    expect(await issuesOf(await send(ctx.keys.pk1, { id: 's1', traceId: 'T1', name: 'solved', value: 'not-a-bool' }))).toEqual(['value'])
    expect((await send(ctx.keys.pk1, { id: 's1', traceId: 'T1', name: 'solved', value: false })).status).toBe(200)
    await config({ name: 'stars', dataType: 'numeric', min: 1, max: 5, step: 1, feedback: true })
    expect(await issuesOf(await send(ctx.keys.pk1, { id: 's2', traceId: 'T1', name: 'stars', value: 9 }))).toEqual(['value'])
    expect((await send(ctx.keys.pk1, { id: 's2', traceId: 'T1', name: 'stars', value: 1 })).status).toBe(200)
    // the declared range is the rating's scale: one star of five is negative feedback
    expect(await ctx.store.getScore('p1', 's2')).toMatchObject({ dataType: 'numeric', metadata: { scale: { min: 1, max: 5 } } })
    const negative = (await json(await ctx.call('GET', '/api/v1/traces?feedback=negative', ctx.keys.p1))).data
    expect(negative).toEqual([])
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: [{ id: 'T1' }] })
    expect((await json(await ctx.call('GET', '/api/v1/traces?feedback=negative', ctx.keys.p1))).data.map((t: Json) => t.id)).toEqual(['T1'])
    // archived: no new feedback
    await ctx.call('PATCH', `/api/v1/score-configs/${solved.id}`, ctx.keys.p1, { archived: true })
    expect(await issuesOf(await send(ctx.keys.pk1, { id: 's3', traceId: 'T1', name: 'solved', value: true }))).toEqual(['name'])
  })

  it('are declared only where nobody else scores the name', async () => {
    ctx = await testApp()
    expect((await config({ name: 'user_feedback', dataType: 'boolean' })).status).toBe(409)
    const rubric = await json(await config({ name: 'accuracy', dataType: 'boolean' }))
    await ctx.call('POST', '/api/v1/queues', ctx.keys.p1, { name: 'Review', scoreConfigIds: [rubric.id] })
    const flagged = await ctx.call('PATCH', `/api/v1/score-configs/${rubric.id}`, ctx.keys.p1, { feedback: true })
    expect(flagged.status).toBe(409)
    expect((await errorOf(flagged)).message).toMatch(/rubric of queue Review/)
    await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { traceId: 'T1', name: 'toxicity', value: 0.1, source: 'eval' })
    expect((await errorOf(await config({ name: 'toxicity', dataType: 'numeric', feedback: true }))).message).toMatch(/eval scores/)
    const helpful = await json(await config({ name: 'helpful', dataType: 'boolean', feedback: true }))
    const queue = await ctx.call('POST', '/api/v1/queues', ctx.keys.p1, { name: 'Q', scoreConfigIds: [rubric.id, helpful.id] })
    expect(await issuesOf(queue)).toEqual(['scoreConfigIds.1'])
  })

  it('let score filters and metrics say which sources they count', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: [{ id: 'T1', startTime: '2026-01-01T01:00:00Z' }] })
    await config({ name: 'stars', dataType: 'numeric', min: 1, max: 5, feedback: true })
    await send(ctx.keys.pk1, { id: 'f1', traceId: 'T1', name: 'stars', value: 1 })
    await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { traceId: 'T1', name: 'stars', value: 5, source: 'api' })
    expect(await average('stars')).toBe(3)
    expect(await average('stars', '&source=feedback')).toBe(1)
    expect(await average('stars', '&source=api,human')).toBe(5)
    const ids = async (qs: string) => (await json(await ctx.call('GET', `/api/v1/traces?${qs}`, ctx.keys.p1))).data.map((t: Json) => t.id)
    expect(await ids('score.stars=5')).toEqual(['T1'])
    expect(await ids('score.stars=5&source=feedback')).toEqual([])
    expect(await issuesOf(await ctx.call('GET', '/api/v1/traces?source=robots', ctx.keys.p1))).toEqual(['source.0'])
  })
})

describe('feedback size', () => {
  const issuesOf = async (res: Response) =>
    ((await res.json()) as { error: { issues: { path: (string | number)[]; message: string }[] } }).error.issues.map((i) => [
      i.path.join('.'),
      i.message,
    ])

  it('caps metadata: bytes of JSON, keys and nesting, naming the limit', async () => {
    ctx = await testApp()
    const big = await send(ctx.keys.pk1, { ...vote, metadata: { page: 'x'.repeat(5000) } })
    expect(big.status).toBe(400)
    expect(await issuesOf(big)).toEqual([['metadata', expect.stringMatching(/at most 4096 bytes/)]])
    const keys = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i]))
    expect(await issuesOf(await send(ctx.keys.pk1, { ...vote, metadata: keys }))).toEqual([
      ['metadata', expect.stringMatching(/at most 32 keys/)],
    ])
    const deep = await send(ctx.keys.pk1, { ...vote, metadata: { a: { b: { c: { d: { e: 1 } } } } } })
    expect(await issuesOf(deep)).toEqual([['metadata.a.b.c.d', expect.stringMatching(/more than 4 levels/)]])
    const fits = { a: { b: { c: [1] } }, page: 'x'.repeat(3000) }
    expect((await send(ctx.keys.pk1, { ...vote, metadata: fits })).status).toBe(200)
    expect(await ctx.store.getScore('p1', 'fb_1')).toMatchObject({ metadata: fits })
  })

  it('caps a whole request from a browser with 413, and stores nothing of it', async () => {
    ctx = await testApp()
    const body = JSON.stringify({
      ...vote,
      comment: 'c'.repeat(2000),
      reasons: Array.from({ length: 20 }, () => 'r'.repeat(200)),
      correction: 'x'.repeat(10_000),
      pad: 'p'.repeat(20_000),
    })
    for (const credential of [ctx.keys.pk1, await token({ traceIds: ['T1'] })]) {
      const res = await send(credential, body, { 'content-type': 'application/json' })
      expect(res.status).toBe(413)
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/at most 32768 bytes/)
    }
    // the secret key keeps the server's own limit (and the schema's checks)
    expect((await send(ctx.keys.p1, body, { 'content-type': 'application/json' })).status).toBe(400)
    expect(await ctx.store.getScore('p1', 'fb_1')).toBeNull()
  })
})
