import { describe, expect, it } from 'vitest'
import { resolveServeConfig } from './config'

describe('serve configuration', () => {
  it('has defaults for a zero-config start', () => {
    const c = resolveServeConfig([], {})
    expect(c).toMatchObject({
      port: 4318,
      host: '127.0.0.1',
      demo: false,
      allowedOrigins: [],
      bodyLimitBytes: 10 * 1024 * 1024,
      shutdownGraceMs: 30_000,
    })
    expect(c.dataDir).toMatch(/\.sightline$/)
  })

  it('takes the environment, and flags over the environment', () => {
    const env = {
      SIGHTLINE_PORT: '5000',
      SIGHTLINE_HOST: '::1',
      SIGHTLINE_DATA_DIR: '/tmp/x',
      DATABASE_URL: 'postgres://db/x',
      SIGHTLINE_SECRET_KEY: 'sk-sl-a',
      SIGHTLINE_PUBLIC_KEY: 'pk-sl-b',
      SIGHTLINE_ALLOWED_ORIGINS: 'http://a.test, http://b.test',
    }
    expect(resolveServeConfig([], env)).toMatchObject({
      port: 5000,
      host: '::1',
      dataDir: '/tmp/x',
      databaseUrl: 'postgres://db/x',
      secretKey: 'sk-sl-a',
      publicKey: 'pk-sl-b',
      allowedOrigins: ['http://a.test', 'http://b.test'],
    })
    expect(
      resolveServeConfig(
        ['--port', '6000', '--host', '0.0.0.0', '--data-dir', '/tmp/y', '--demo', '--demo-public', '--static', '/srv'],
        env,
      ),
    ).toMatchObject({
      port: 6000,
      host: '0.0.0.0',
      dataDir: '/tmp/y',
      demo: true,
      demoPublic: true,
      staticDir: '/srv',
    })
  })

  it('takes the shutdown grace period in seconds', () => {
    expect(resolveServeConfig([], { SIGHTLINE_SHUTDOWN_GRACE: '5' }).shutdownGraceMs).toBe(5000)
    expect(resolveServeConfig(['--shutdown-grace', '0'], { SIGHTLINE_SHUTDOWN_GRACE: '5' }).shutdownGraceMs).toBe(0)
    expect(() => resolveServeConfig(['--shutdown-grace', '1.5'], {})).toThrow(/--shutdown-grace must be a whole number/)
  })

  it('keeps --demo on this machine unless --demo-public says otherwise', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])
      expect(resolveServeConfig(['--demo', '--host', host], {}).demo).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'example.com'])
      expect(() => resolveServeConfig(['--demo', '--host', host], {})).toThrow(/--demo-public/)
    expect(() => resolveServeConfig(['--demo'], { SIGHTLINE_HOST: '0.0.0.0' })).toThrow(/--demo-public/)
    expect(resolveServeConfig(['--demo', '--demo-public', '--host', '0.0.0.0'], {})).toMatchObject({ demo: true, demoPublic: true })
    expect(() => resolveServeConfig(['--demo-public'], {})).toThrow(/goes with --demo/)
  })

  it('takes the public URL as an origin, from the flag over the environment', () => {
    expect(resolveServeConfig([], {}).publicOrigin).toBeUndefined()
    expect(resolveServeConfig([], { SIGHTLINE_PUBLIC_URL: 'https://sightline.example.com/' }).publicOrigin).toBe(
      'https://sightline.example.com',
    )
    expect(
      resolveServeConfig(['--public-url', 'https://obs.example.com:8443/sightline'], { SIGHTLINE_PUBLIC_URL: 'https://x.test' })
        .publicOrigin,
    ).toBe('https://obs.example.com:8443')
    expect(() => resolveServeConfig(['--public-url', 'sightline.example.com'], {})).toThrow(/--public-url must be a URL/)
    expect(() => resolveServeConfig(['--public-url', 'ftp://sightline.example.com'], {})).toThrow(/http or https/)
  })

  it('rejects bad values and unknown flags with a clear message', () => {
    expect(() => resolveServeConfig(['--port', 'http'], {})).toThrow(/--port must be a whole number/)
    expect(() => resolveServeConfig([], { SIGHTLINE_PORT: '70000' })).toThrow(/--port/)
    expect(() => resolveServeConfig(['--prot', '1'], {})).toThrow(/prot/)
  })
})
