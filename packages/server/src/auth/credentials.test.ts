import { afterEach, describe, expect, it } from 'vitest'
import { PAGE_ORIGIN, testApp } from '../test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const vote = { id: 'fb_1', traceId: 'T1', value: true }
const inUrl = (method: string, path: string, key: string, body?: unknown) =>
  ctx.app.request(`${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`, {
    method,
    // sendBeacon's request: text/plain, and the page's origin
    headers: { 'content-type': 'text/plain', origin: PAGE_ORIGIN },
    body: body === undefined ? null : JSON.stringify(body),
  })
const mint = async (body: Record<string, unknown>) =>
  ((await (await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, body)).json()) as { token: string }).token

describe('credentials in the URL', () => {
  it('are taken only for browser feedback: a public key or a feedback token on POST /api/v1/feedback', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: [{ id: 'T1' }] })
    expect((await inUrl('POST', '/api/v1/feedback', ctx.keys.pk1, vote)).status).toBe(200)
    const feedback = await mint({ kind: 'feedback', traceIds: ['T1'] })
    expect((await inUrl('POST', '/api/v1/feedback', feedback, { ...vote, id: 'fb_2' })).status).toBe(200)
  })

  it('refuse the secret key and read tokens everywhere, and every credential on other routes', async () => {
    ctx = await testApp()
    await ctx.call('POST', '/api/v1/ingest', ctx.keys.p1, { traces: [{ id: 'T1' }] })
    const view = await mint({ kind: 'view' })
    for (const [method, path, key, body] of [
      ['GET', '/api/v1/traces/T1', ctx.keys.p1],
      ['GET', '/api/v1/traces/T1', view],
      ['POST', '/api/v1/ingest', ctx.keys.p1, { traces: [] }],
      ['POST', '/api/v1/feedback', ctx.keys.p1, vote],
      ['POST', '/api/v1/feedback', view, vote],
      ['GET', '/api/v1/score-configs', ctx.keys.pk1],
    ] as const) {
      const res = await inUrl(method, path, key, body)
      expect(res.status, `${method} ${path} ${key.slice(0, 6)}`).toBe(401)
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Authorization: Bearer/)
    }
    expect(await ctx.store.getScore('p1', 'fb_1')).toBeNull()
  })
})

describe('tokens', () => {
  it('verify only in their exact form', async () => {
    ctx = await testApp()
    const token = await mint({ kind: 'view' })
    expect((await ctx.call('GET', '/api/v1/traces', token)).status).toBe(200)
    const [payload, signature] = token.slice(4).split('.')
    for (const forged of [
      `${token}.extra`,
      `${token}.`,
      `slt_${payload}.${signature}.${signature}`,
      `slt_${payload}..${signature}`,
      `${token}=`,
      ` ${token}x`,
    ]) {
      const res = await ctx.call('GET', '/api/v1/traces', forged)
      expect(res.status, forged.slice(-12)).toBe(401)
    }
  })
})
