import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@sightline/core'
import { describe, expect, it } from 'vitest'
import { resolveServeConfig } from './config'
import { startServer } from './server'

const quiet = () => {}
const mode = (path: string) => statSync(path).mode & 0o777

describe('the running server', () => {
  it('bootstraps keys once, seeds demo data once, and keeps both and /demo across a restart', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sl-serve-')), 'data')
    const config = resolveServeConfig(['--port', '0', '--data-dir', dataDir, '--demo'], {})
    const lines: string[] = []
    const first = await startServer(config, (l) => lines.push(l))
    const keysFile = join(dataDir, 'keys.json')
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as { secretKey: string; publicKey: string }
    // The database holds the token-signing secret: nobody but the owner reads any of it.
    expect(mode(dataDir)).toBe(0o700)
    for (const file of ['keys.json', 'demo.json', 'sightline.db', 'sightline.db-wal', 'sightline.db-shm'])
      expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600])
    expect(lines.join('\n')).toContain(keys.secretKey)
    const client = () => createClient({ baseUrl: first.url, secretKey: keys.secretKey })
    const before = await client().listTraces({ limit: 500 })
    expect(before.data.length).toBeGreaterThan(200)
    await first.close()

    const again: string[] = []
    const second = await startServer({ ...config, port: 0 }, (l) => again.push(l))
    const after = await createClient({ baseUrl: second.url, secretKey: keys.secretKey }).listTraces({ limit: 500 })
    expect(after.data.map((t) => t.id)).toEqual(before.data.map((t) => t.id))
    expect(again.join('\n')).not.toContain(keys.secretKey)
    expect(again.join('\n')).toContain('left as is')
    // The dir was seeded as the demo's, so the demo backend is still there.
    expect((await fetch(`${second.url}/demo/config`)).status).toBe(200)
    await second.close()
  })

  it('refuses --demo on a data dir that holds traces the demo did not write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sl-serve-'))
    const env = { SIGHTLINE_SECRET_KEY: 'sk-sl-not-a-demo' }
    const real = await startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir], env), quiet)
    await createClient({ baseUrl: real.url, secretKey: 'sk-sl-not-a-demo' }).ingest({ traces: [{ id: 'production-trace', name: 'chat' }] })
    await real.close()
    await expect(startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir, '--demo'], env), quiet)).rejects.toThrow(
      /--demo runs only on an empty data dir/,
    )
    expect(existsSync(join(dataDir, 'demo.json'))).toBe(false)
  })

  it('lets the environment fix the keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sl-serve-'))
    const env = { SIGHTLINE_SECRET_KEY: 'sk-sl-fixed-for-test', SIGHTLINE_PUBLIC_KEY: 'pk-sl-fixed-for-test' }
    const server = await startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir], env), quiet)
    const res = await createClient({ baseUrl: server.url, secretKey: 'sk-sl-fixed-for-test' }).listTraces()
    expect(res.data).toEqual([])
    await server.close()
    await expect(
      startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir], { SIGHTLINE_SECRET_KEY: 'oops' }), quiet),
    ).rejects.toThrow(/sk-sl-/)
  })

  it('finishes in-flight requests before closing the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sl-serve-'))
    const env = { SIGHTLINE_SECRET_KEY: 'sk-sl-shutdown-test' }
    const server = await startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir], env), quiet)
    const spans = Array.from({ length: 2000 }, (_, i) => ({ id: `s${i}`, traceId: `t${i % 50}`, name: 'x', startTime: 1.7e12 + i }))
    const body = Buffer.from(JSON.stringify({ spans }))
    // Send half the body, close the server while the request is in flight, then send the rest.
    const req = request(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-sl-shutdown-test', 'content-type': 'application/json', 'content-length': body.length },
    })
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
      })
      req.on('error', reject)
    })
    req.write(body.subarray(0, body.length / 2))
    await expect.poll(() => server.inflight()).toBe(1)
    const closed = server.close()
    req.end(body.subarray(body.length / 2))
    expect(await response).toEqual({ status: 200, text: JSON.stringify({ accepted: 2000, rejected: [] }) })
    await closed
    const reopened = await startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir], env), quiet)
    expect((await createClient({ baseUrl: reopened.url, secretKey: 'sk-sl-shutdown-test' }).getTrace('t7')).spans).toHaveLength(40)
    await reopened.close()
  })

  it('takes its own origin from where it is bound or its public URL, never from the Host header', async () => {
    const env = { SIGHTLINE_SECRET_KEY: 'sk-sl-origin-test', SIGHTLINE_PUBLIC_KEY: 'pk-sl-origin-test' }
    // node:http, as fetch will not send a Host header of the caller's choosing.
    const vote = (url: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${url}/api/v1/feedback?key=pk-sl-origin-test`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', ...headers },
        })
        req.on('response', (res) => resolve(res.resume().statusCode!)).on('error', reject)
        req.end(JSON.stringify({ id: 'fb_1', traceId: 'T1', value: true }))
      })
    const bound = await startServer(resolveServeConfig(['--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'sl-serve-'))], env), quiet)
    const port = new URL(bound.url).port
    expect(await vote(bound.url, { host: `evil.example:${port}`, origin: `http://evil.example:${port}` })).toBe(403)
    expect(await vote(bound.url, { origin: `http://localhost:${port}` })).toBe(200)
    expect(await vote(bound.url, { origin: `http://127.0.0.1:${port}` })).toBe(200)
    await bound.close()

    const dataDir = mkdtempSync(join(tmpdir(), 'sl-serve-'))
    const named = await startServer(
      resolveServeConfig(['--port', '0', '--data-dir', dataDir, '--public-url', 'https://sightline.example'], env),
      quiet,
    )
    expect(await vote(named.url, { origin: 'https://sightline.example' })).toBe(200)
    expect(await vote(named.url, { origin: `http://127.0.0.1:${new URL(named.url).port}` })).toBe(403)
    await named.close()
  })

  it('refuses a --static folder without index.html', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sl-serve-'))
    await expect(startServer(resolveServeConfig(['--port', '0', '--data-dir', dataDir, '--static', dataDir], {}), quiet)).rejects.toThrow(
      /index.html/,
    )
  })
})
