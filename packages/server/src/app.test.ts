import { healthSchema, type Health } from '@sightline/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fixtureBatch, T0 } from './store/store-contract'
import { testApp } from './test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; issues?: { path: (string | number)[] }[] } }).error

describe('HTTP API', () => {
  it('answers health without a key', async () => {
    ctx = await testApp()
    const res = await ctx.call('GET', '/api/health', null)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', storage: 'sqlite' })
  })

  it('refuses missing, malformed and unknown keys with 401', async () => {
    ctx = await testApp()
    for (const key of [null, 'sk-sl-wrong', 'hello', 'slt_e30.bad']) {
      const res = await ctx.call('GET', '/api/v1/traces', key)
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer')
      expect((await errorOf(res)).code).toBe('unauthorized')
    }
  })

  it('keeps the public key away from reads and ingest (403)', async () => {
    ctx = await testApp()
    expect((await ctx.call('GET', '/api/v1/traces', ctx.keys.pk1)).status).toBe(403)
    expect((await ctx.call('POST', '/api/v1/ingest', ctx.keys.pk1, { traces: [] })).status).toBe(403)
  })

  it('ingests with per-item partial success and names each bad field', async () => {
    ctx = await testApp()
    const res = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, {
      traces: [{ id: 't1', name: 'ok' }, { id: 't2', startTime: 1700000000 }, { name: 'no id' }],
      spans: [{ id: 's1', traceId: 't1', name: 'root', startTime: '2026-01-01T00:00:00Z', type: 'nonsense' }],
      scores: [{ traceId: 't1', name: 'x', value: 'yes', dataType: 'numeric' }],
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { accepted: number; rejected: { kind: string; index: number; id?: string; error: string }[] }
    expect(body.accepted).toBe(1)
    expect(body.rejected).toEqual([
      { kind: 'trace', index: 1, id: 't2', error: expect.stringMatching(/^startTime: .*seconds/) },
      { kind: 'trace', index: 2, error: expect.stringMatching(/^id: /) },
      { kind: 'span', index: 0, id: 's1', error: expect.stringMatching(/^type: /) },
      { kind: 'score', index: 0, error: expect.stringMatching(/^value: .*numeric/) },
    ])
    expect((await ctx.call('GET', '/api/v1/traces/t1', ctx.keys.p1)).status).toBe(200)
  })

  it('answers an invalid envelope with 400 and the field path', async () => {
    ctx = await testApp()
    const res = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: 'nope', extra: 1 })
    expect(res.status).toBe(400)
    const e = await errorOf(res)
    expect(e.code).toBe('validation_failed')
    expect(e.issues!.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['traces', 'extra']))
  })

  it('answers malformed JSON with 400, an empty body with 400, a form body with 415', async () => {
    ctx = await testApp()
    const bad = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, '{"traces": [', { 'content-type': 'application/json' })
    expect(bad.status).toBe(400)
    expect((await errorOf(bad)).code).toBe('invalid_json')
    const empty = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, '', { 'content-type': 'application/json' })
    expect(empty.status).toBe(400)
    const form = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
  })

  it('answers a body over the limit with 413 and writes nothing', async () => {
    ctx = await testApp({ config: { bodyLimitBytes: 2048 } })
    const res = await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: [{ id: 'big', input: 'x'.repeat(5000) }] })
    expect(res.status).toBe(413)
    expect((await errorOf(res)).code).toBe('payload_too_large')
    expect((await ctx.call('GET', '/api/v1/traces/big', ctx.keys.p1)).status).toBe(404)
  })

  it('validates list queries and names the bad parameter', async () => {
    ctx = await testApp()
    for (const [qs, path] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['sort=size', 'sort'],
      ['from=yesterday', 'from'],
      ['status=maybe', 'status'],
      ['usr=u1', 'usr'],
      ['score.helpfulness=..', 'score.helpfulness'],
      ['minCost=abc', 'minCost'],
      ['cursor=zzz', 'cursor'],
    ]) {
      const res = await ctx.call('GET', `/api/v1/traces?${qs}`, ctx.keys.p1)
      expect(res.status, qs).toBe(400)
      expect(
        (await errorOf(res)).issues!.map((i) => i.path.join('.')),
        qs,
      ).toContain(path)
    }
  })

  it('serves every list filter through the query string', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, fixtureBatch())
    const ids = async (qs: string) =>
      ((await (await ctx.call('GET', `/api/v1/traces?${qs}`, ctx.keys.p1)).json()) as { data: { id: string }[] }).data
        .map((t) => t.id)
        .sort()
    expect(await ids(`from=${new Date(T0 + 30000).toISOString()}`)).toEqual(['B', 'C'])
    expect(await ids(`to=${T0 + 30000}`)).toEqual(['A'])
    expect(await ids('tag=beta&tag=vip')).toEqual(['A'])
    expect(await ids('metadata.plan=pro')).toEqual(['A'])
    expect(await ids('score.helpfulness=0.5..')).toEqual(['A'])
    expect(await ids('score.tone=friendly')).toEqual(['A'])
    expect(await ids('feedback=negative')).toEqual(['B'])
    expect(await ids('q=password')).toEqual(['A'])
    expect(await ids('model=claude-3&status=error')).toEqual(['B'])
    expect(await ids('minLatencyMs=1000&maxLatencyMs=1500')).toEqual(['A', 'B'])
    expect(await ids('minCost=0.02')).toEqual(['B'])
    expect(await ids('environment=production&release=2.0&name=chat&userId=u3')).toEqual(['C'])
    expect(await ids('sessionId=s1&version=v2')).toEqual(['B'])
  })

  it('isolates projects: a key never sees another project’s data', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, fixtureBatch())
    const list = (await (await ctx.call('GET', '/api/v1/traces', ctx.keys.p2)).json()) as { data: unknown[] }
    expect(list.data).toEqual([])
    expect((await ctx.call('GET', '/api/v1/traces/A', ctx.keys.p2)).status).toBe(404)
    expect((await ctx.call('GET', '/api/v1/sessions/s1', ctx.keys.p2)).status).toBe(404)
    expect((await ctx.call('DELETE', '/api/v1/scores/fa', ctx.keys.p2)).status).toBe(404)
    expect((await ctx.call('GET', '/api/v1/scores', ctx.keys.p1)).status).toBe(200)
  })

  it('creates, updates, lists and deletes scores', async () => {
    ctx = await testApp()
    const created = await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { id: 'sc1', traceId: 'T', name: 'correct', value: true })
    expect(created.status).toBe(200)
    expect(await created.json()).toMatchObject({ id: 'sc1', dataType: 'boolean', value: true, source: 'api' })
    await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { id: 'sc1', traceId: 'T', name: 'correct', value: false })
    const list = (await (await ctx.call('GET', '/api/v1/scores?traceId=T', ctx.keys.p1)).json()) as { data: { value: unknown }[] }
    expect(list.data.map((s) => s.value)).toEqual([false])
    await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { id: 'sc2', traceId: 'U', name: 'correct', value: true })
    const both = (await (await ctx.call('GET', '/api/v1/scores?traceId=T&traceId=U', ctx.keys.p1)).json()) as { data: { id: string }[] }
    expect(both.data.map((s) => s.id).sort()).toEqual(['sc1', 'sc2'])
    const bad = await ctx.call('POST', '/api/v1/scores', ctx.keys.p1, { traceId: 'T', name: 'x', value: 1, comment: 'c'.repeat(6000) })
    expect(bad.status).toBe(400)
    expect((await errorOf(bad)).issues![0]!.path).toEqual(['comment'])
    expect((await ctx.call('GET', '/api/v1/scores?source=robot', ctx.keys.p1)).status).toBe(400)
    expect((await ctx.call('DELETE', '/api/v1/scores/sc1', ctx.keys.p1)).status).toBe(204)
    expect((await ctx.call('DELETE', '/api/v1/scores/sc1', ctx.keys.p1)).status).toBe(404)
  })

  it('returns 404 in the error shape for unknown traces, sessions and routes', async () => {
    ctx = await testApp()
    for (const path of ['/api/v1/traces/nope', '/api/v1/sessions/nope', '/api/v1/nothing']) {
      const res = await ctx.call('GET', path, ctx.keys.p1)
      expect(res.status).toBe(404)
      expect((await errorOf(res)).code).toBe('not_found')
    }
  })

  it('serves an OpenAPI document generated from the schemas', async () => {
    ctx = await testApp()
    const doc = (await (await ctx.call('GET', '/api/v1/openapi.json', null)).json()) as {
      openapi: string
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>
      >
    }
    expect(doc.openapi).toBe('3.0.3')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/ingest',
        '/api/v1/traces',
        '/api/v1/traces/{id}',
        '/api/v1/sessions/{id}',
        '/api/v1/scores',
        '/api/v1/scores/{id}',
        '/api/v1/tokens',
      ]),
    )
    const ingest = doc.paths['/api/v1/ingest']!.post!.requestBody!.content['application/json']!.schema
    expect(Object.keys(ingest.properties)).toEqual(['traces', 'spans', 'scores'])
  })
})

describe('view tokens', () => {
  const mint = async (body: unknown) => ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, body)

  it('read the project, narrowed by fixed filters the reader cannot widen', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, fixtureBatch())
    const res = await mint({ kind: 'view', filters: { environment: 'production' } })
    expect(res.status).toBe(201)
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string }
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now())
    const ids = async (qs = '') =>
      ((await (await ctx.call('GET', `/api/v1/traces${qs}`, token)).json()) as { data: { id: string }[] }).data.map((t) => t.id).sort()
    expect(await ids()).toEqual(['A', 'C'])
    expect(await ids('?environment=staging')).toEqual(['A', 'C'])
    expect((await ctx.call('GET', '/api/v1/traces/B', token)).status).toBe(404)
    expect((await ctx.call('GET', '/api/v1/traces/B?fields=skeleton', token)).status).toBe(404)
    expect((await ctx.call('GET', '/api/v1/traces/B/spans/b-root', token)).status).toBe(404)
    expect((await ctx.call('GET', '/api/v1/traces/A/spans/a-gen', token)).status).toBe(200)
    expect((await ctx.call('GET', '/api/v1/traces/A', token)).status).toBe(200)
    const session = (await (await ctx.call('GET', '/api/v1/sessions/s1', token)).json()) as { traces: { id: string }[] }
    expect(session.traces.map((t) => t.id)).toEqual(['A'])
    const scores = (await (await ctx.call('GET', '/api/v1/scores', token)).json()) as { data: { traceId: string }[] }
    expect(new Set(scores.data.map((s) => s.traceId))).toEqual(new Set(['A']))
  })

  it('cannot write, mint tokens, or outlive their expiry', async () => {
    let now = Date.now()
    ctx = await testApp({ now: () => now })
    const { token } = (await (await mint({ kind: 'view', expiresIn: 60 })).json()) as { token: string }
    expect((await ctx.call('POST', '/api/v1/ingest', token, { traces: [] })).status).toBe(403)
    expect((await ctx.call('POST', '/api/v1/tokens', token, { kind: 'view' })).status).toBe(403)
    expect((await ctx.call('GET', '/api/v1/traces', token)).status).toBe(200)
    now += 61_000
    const expired = await ctx.call('GET', '/api/v1/traces', token)
    expect(expired.status).toBe(401)
    expect((await errorOf(expired)).message).toMatch(/expired/)
  })

  it('are refused when tampered with or signed for another project', async () => {
    ctx = await testApp()
    const { token } = (await (await mint({ kind: 'view', filters: { environment: 'production' } })).json()) as { token: string }
    const [payload, sig] = token.slice(4).split('.') as [string, string]
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), filters: {} })).toString(
      'base64url',
    )
    expect((await ctx.call('GET', '/api/v1/traces', `slt_${widened}.${sig}`)).status).toBe(401)
    const moved = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), p: 'p2' })).toString(
      'base64url',
    )
    expect((await ctx.call('GET', '/api/v1/traces', `slt_${moved}.${sig}`)).status).toBe(401)
  })

  it('are minted only with valid scopes', async () => {
    ctx = await testApp()
    for (const [body, path] of [
      [{ kind: 'view', expiresIn: 90000 }, 'expiresIn'],
      [{ kind: 'view', filters: { q: 'x' } }, 'filters.q'],
      [{ kind: 'view', filters: { userId: '' } }, 'filters.userId'],
      [{ kind: 'feedback' }, 'traceIds'],
      [{ kind: 'annotate' }, 'reviewer'],
      [{ kind: 'root' }, 'kind'],
    ] as const) {
      const res = await mint(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await errorOf(res)).issues![0]!.path.join('.'), JSON.stringify(body)).toBe(path)
    }
    const fb = (await (await mint({ kind: 'feedback', traceIds: ['A'] })).json()) as { token: string }
    expect((await ctx.call('GET', '/api/v1/traces', fb.token)).status).toBe(403)
  })
})

describe('CORS', () => {
  it('allows only configured origins', async () => {
    ctx = await testApp({ config: { allowedOrigins: ['http://panel.test'] } })
    const pre = (origin: string) =>
      ctx.app.request('/api/v1/traces', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      })
    expect((await pre('http://panel.test')).headers.get('access-control-allow-origin')).toBe('http://panel.test')
    expect((await pre('http://evil.test')).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('never takes the Host a request names for the server’s own origin', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      ctx = await testApp({ config: { ownOrigins: ['http://127.0.0.1:4318'] } })
      // A page on a DNS name rebound to this server's address: Host and Origin both name it.
      const pre = await ctx.app.request('http://evil.example/api/v1/traces', {
        method: 'OPTIONS',
        headers: {
          origin: 'http://evil.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      })
      expect([pre.status, pre.headers.get('access-control-allow-origin')]).toEqual([403, null])
      const health = await ctx.app.request('http://evil.example/api/health', { headers: { origin: 'http://evil.example' } })
      expect(((await health.json()) as Health).origin).toMatchObject({ value: 'http://evil.example', allowed: false })
    } finally {
      warn.mockRestore()
    }
  })

  it('refuses a preflight from another origin with what to change, and logs it once per origin', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      ctx = await testApp({ config: { allowedOrigins: ['http://panel.test'], ownOrigins: ['http://127.0.0.1:4318'] } })
      const pre = (origin: string) =>
        ctx.app.request('/api/v1/feedback', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
        })
      const refused = await pre('http://evil.test')
      expect(refused.status).toBe(403)
      expect(refused.headers.get('access-control-allow-origin')).toBeNull()
      expect((await errorOf(refused)).message).toBe(
        "This page's origin (http://evil.test) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS",
      )
      await pre('http://evil.test')
      expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringMatching(/http:\/\/evil\.test.*SIGHTLINE_ALLOWED_ORIGINS/),
      ])
      expect((await pre('http://panel.test')).status).toBe(204)
      // The server's own origin needs no listing.
      expect((await pre('http://127.0.0.1:4318')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4318')
    } finally {
      warn.mockRestore()
    }
  })

  it('answers health to every origin, and says whether that origin is allowed', async () => {
    ctx = await testApp({ config: { allowedOrigins: ['http://panel.test'], ownOrigins: ['http://127.0.0.1:4318'] } })
    const health = async (origin?: string) => {
      const res = await ctx.app.request('/api/health', { headers: origin ? { origin } : {} })
      return { cors: res.headers.get('access-control-allow-origin'), vary: res.headers.get('vary'), body: (await res.json()) as Health }
    }
    expect(await health('http://evil.test')).toEqual({
      cors: '*',
      vary: expect.stringMatching(/origin/i),
      body: {
        status: 'ok',
        version: expect.any(String),
        storage: 'sqlite',
        origin: {
          value: 'http://evil.test',
          allowed: false,
          message: "This page's origin (http://evil.test) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS",
        },
      },
    })
    expect((await health('http://panel.test')).body.origin).toEqual({ value: 'http://panel.test', allowed: true })
    expect((await health('http://127.0.0.1:4318')).body.origin).toEqual({ value: 'http://127.0.0.1:4318', allowed: true })
    expect((await health()).body.origin).toBeNull()
    // Readable with credentials-free CORS from anywhere, preflight included (the kit's client may send a bearer).
    const pre = await ctx.app.request('/api/health', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    })
    expect([pre.status, pre.headers.get('access-control-allow-origin'), pre.headers.get('access-control-allow-credentials')]).toEqual([
      204,
      '*',
      null,
    ])
    expect(healthSchema.parse((await health('http://evil.test')).body)).toBeTruthy()
  })
})
