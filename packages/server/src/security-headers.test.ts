import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from './app'
import { serveFrontEnd } from './static-site'
import { openSqliteStore } from './store/sqlite/sqlite-store'
import { PAGE_ORIGIN, testApp } from './test-helpers'

let ctx: Awaited<ReturnType<typeof testApp>>
afterEach(() => ctx?.store.close())

const protections = (res: Response) => ({
  nosniff: res.headers.get('x-content-type-options'),
  referrer: res.headers.get('referrer-policy'),
  frames: res.headers.get('x-frame-options'),
})

describe('security headers', () => {
  it('are on every API answer, errors and preflights included', async () => {
    ctx = await testApp()
    for (const res of [
      await ctx.call('GET', '/api/health', null),
      await ctx.call('GET', '/api/v1/traces', ctx.keys.p1),
      await ctx.call('GET', '/api/v1/traces', null),
      await ctx.call('POST', '/v1/traces', ctx.keys.p1, '{}', { 'content-type': 'application/json' }),
      await ctx.call('GET', '/api/v1/nothing-here', ctx.keys.p1),
      await ctx.call('OPTIONS', '/api/v1/feedback', null, undefined, { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST' }),
    ])
      expect(protections(res), `${res.url} ${res.status}`).toEqual({ nosniff: 'nosniff', referrer: 'same-origin', frames: 'DENY' })
  })

  it('keep answers that need a credential out of every cache', async () => {
    ctx = await testApp()
    const { token } = (await (await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, { kind: 'view' })).json()) as { token: string }
    for (const res of [
      await ctx.call('GET', '/api/v1/traces', ctx.keys.p1),
      await ctx.call('GET', '/api/v1/traces', token),
      await ctx.call('POST', '/api/v1/tokens', ctx.keys.p1, { kind: 'view' }),
      await ctx.call('POST', '/api/v1/feedback', ctx.keys.pk1, { id: 'f', traceId: 'T', value: true }, { origin: PAGE_ORIGIN }),
      await ctx.call('GET', '/api/v1/traces', 'sk-sl-wrong'),
      await ctx.call('POST', '/v1/traces', ctx.keys.p1, '{}', { 'content-type': 'application/json' }),
    ])
      expect(res.headers.get('cache-control'), `${res.url} ${res.status}`).toBe('no-store')
  })

  it('leave health readable from any origin', async () => {
    ctx = await testApp()
    const res = await ctx.call('GET', '/api/health', null, undefined, { origin: 'https://elsewhere.example' })
    expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([200, '*'])
    expect(res.headers.get('cross-origin-resource-policy')).toBeNull()
  })

  it('put a content security policy on the front end --static serves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-static-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title><script type="module" src="/app.js"></script>')
    writeFileSync(join(dir, 'app.js'), 'export {}')
    const store = openSqliteStore({ filename: ':memory:' })
    await store.migrate()
    try {
      const app = createApp({ store, mount: (root) => serveFrontEnd(root, dir) })
      for (const path of ['/', '/some/page', '/app.js']) {
        const res = await app.request(path)
        expect(res.status, path).toBe(200)
        const csp = (res.headers.get('content-security-policy') ?? '').split(/;\s*/)
        expect(csp, path).toEqual(
          expect.arrayContaining([
            "default-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
          ]),
        )
        expect(protections(res), path).toEqual({ nosniff: 'nosniff', referrer: 'same-origin', frames: 'DENY' })
      }
    } finally {
      await store.close()
    }
  })
})
