import { get } from 'node:http'
import { createClient } from '@sightline/core'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningCli, startCli } from '../../../scripts/cli-process'

// `sightline serve` as a real process, stopped by a real signal.
const KEY = 'sk-sl-shutdown-process'
const SPANS = 20
let cli: RunningCli | undefined
afterEach(async () => {
  await cli?.stop()
  cli = undefined
})

/** A trace whose detail answers about 20 MB: far more than the socket buffers hold. */
async function ingestHugeTrace(url: string) {
  const client = createClient({ baseUrl: url, secretKey: KEY })
  const input = 'x'.repeat(1_000_000)
  for (let batch = 0; batch < SPANS / 5; batch++)
    await client.ingest({
      spans: Array.from({ length: 5 }, (_, i) => ({
        id: `s${batch * 5 + i}`,
        traceId: 'huge',
        name: 'step',
        startTime: 1.767e12 + i,
        input,
      })),
    })
}

/** GETs a path and leaves the body unread until `read()`; read resolves with what arrived before the end or a cut. */
function heldGet(url: string) {
  return new Promise<{ status: number; read: () => Promise<{ complete: boolean; body: string }> }>((resolve, reject) => {
    get(url, { headers: { authorization: `Bearer ${KEY}` } }, (res) => {
      res.pause()
      res.on('error', () => {}) // a cut shows as an incomplete body
      resolve({
        status: res.statusCode!,
        read: () =>
          new Promise((settle) => {
            const chunks: Buffer[] = []
            res.on('data', (d: Buffer) => chunks.push(d))
            res.on('close', () => settle({ complete: res.complete, body: Buffer.concat(chunks).toString() }))
            res.resume()
          }),
      })
    }).on('error', reject)
  })
}

describe('sightline serve, stopped by a signal', () => {
  it('stops accepting on SIGTERM but writes a large response out in full before exiting', { timeout: 300_000 }, async () => {
    cli = await startCli([], { SIGHTLINE_SECRET_KEY: KEY })
    const { url } = cli
    await ingestHugeTrace(url)
    const held = await heldGet(`${url}/api/v1/traces/huge`)
    expect(held.status).toBe(200)

    const exited = cli.stop()
    await expect.poll(() => cli!.output()).toContain('SIGTERM')
    await expect
      .poll(() =>
        fetch(`${url}/api/health`).then(
          () => 'answered',
          () => 'refused',
        ),
      )
      .toBe('refused')

    const { complete, body } = await held.read()
    expect(complete).toBe(true)
    const detail = JSON.parse(body) as { spans: { input: string }[] }
    expect(detail.spans).toHaveLength(SPANS)
    expect(detail.spans.every((s) => s.input.length === 1_000_000)).toBe(true)
    expect(await exited).toBe(0)
  })

  it('cuts what is still writing once --shutdown-grace has passed, then exits', { timeout: 300_000 }, async () => {
    cli = await startCli(['--shutdown-grace', '1'], { SIGHTLINE_SECRET_KEY: KEY })
    await ingestHugeTrace(cli.url)
    const held = await heldGet(`${cli.url}/api/v1/traces/huge`)
    // Never read: the process must still exit, after its grace period.
    expect(await cli.stop()).toBe(0)
    expect(cli.output()).toMatch(/up to 1 s[\s\S]*1 connection\(s\) still writing after the 1 s grace period were cut/)
    expect((await held.read()).complete).toBe(false)
  })
})
