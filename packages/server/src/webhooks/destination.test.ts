import type { LookupAddress } from 'node:dns'
import { describe, expect, it } from 'vitest'
import { type Resolver, addressRange, allowPrivateWebhooks, checkDestination, ipv6Bytes, pinnedLookup } from './destination'

const dns =
  (answers: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const list = answers[hostname]
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
const noDns: Resolver = async () => {
  throw new Error('literal addresses need no DNS')
}

describe('addressRange', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['10.0.0.5', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.1.1', 'a link-local address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['100.64.0.1', 'a shared (CGNAT) address'],
    ['100.127.255.255', 'a shared (CGNAT) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['224.0.0.1', 'a multicast or broadcast address'],
    ['255.255.255.255', 'a multicast or broadcast address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['fc00::1', 'a unique-local address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:10.0.0.5', 'a private address'],
    ['::ffff:169.254.169.254', 'a cloud metadata address'],
    ['64:ff9b::10.1.2.3', 'a private address'],
    ['2002:c0a8:0101::1', 'a private address'],
    ['ff02::1', 'a multicast or broadcast address'],
  ])('%s is %s', (ip, label) => {
    expect(addressRange(ip)?.label).toBe(label)
  })

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2002:0808:0808::1'])(
    '%s is public',
    (ip) => {
      expect(addressRange(ip)).toBeNull()
    },
  )

  it('refuses what is not an IP address rather than passing it', () => {
    expect(addressRange('example.com')).toEqual({ label: 'not an IP address', allowable: false })
    expect(addressRange('')).toEqual({ label: 'not an IP address', allowable: false })
  })

  it('reads every IPv6 spelling to the same bytes', () => {
    const hex = (ip: string) => Buffer.from(ipv6Bytes(ip)!).toString('hex')
    expect(hex('::ffff:1.2.3.4')).toBe('00000000000000000000ffff01020304')
    expect(hex('::ffff:102:304')).toBe('00000000000000000000ffff01020304')
    expect(hex('2001:db8::8:800:200c:417a')).toBe('20010db80000000000080800200c417a')
    expect(hex('1::')).toBe('00010000000000000000000000000000')
    expect(ipv6Bytes('10.0.0.1')).toBeNull()
  })
})

describe('checkDestination', () => {
  it('allows public hosts and returns the addresses it checked', async () => {
    const check = await checkDestination('https://hooks.example.com/x', {
      allowPrivate: false,
      resolve: dns({ 'hooks.example.com': ['93.184.216.34'] }),
    })
    expect(check).toMatchObject({ ok: true, hostname: 'hooks.example.com', addresses: [{ address: '93.184.216.34', family: 4 }] })
  })

  it.each([
    ['http://10.0.0.5/hook', '10.0.0.5 is a private address; set SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS=1 to allow'],
    ['http://127.0.0.1:8080/', '127.0.0.1 is a loopback address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'], // URL normalises decimal and hex IPv4
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['http://172.20.1.1/', '172.20.1.1 is a private address'],
    ['http://192.168.0.10/', '192.168.0.10 is a private address'],
    ['http://169.254.10.10/', '169.254.10.10 is a link-local address'],
    ['http://100.64.1.1/', '100.64.1.1 is a shared (CGNAT) address'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://[fd00::5]/', 'fd00::5 is a unique-local address'],
    ['http://[::ffff:10.0.0.5]/', '::ffff:a00:5 is a private address'],
    ['http://0.0.0.0/', '0.0.0.0 is an unspecified address, which is never a webhook destination'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a cloud metadata address, which is never a webhook destination'],
  ])('refuses %s', async (url, message) => {
    const check = await checkDestination(url, { allowPrivate: false, resolve: noDns })
    expect(check).toEqual({ ok: false, reason: 'blocked', error: expect.stringContaining(message) })
  })

  it('refuses names that resolve to a private address, naming both', async () => {
    const resolve = dns({ 'internal.example': ['10.0.0.5'], 'mixed.example': ['93.184.216.34', '::1'] })
    expect(await checkDestination('https://internal.example/hook', { allowPrivate: false, resolve })).toEqual({
      ok: false,
      reason: 'blocked',
      error: 'internal.example resolves to 10.0.0.5, a private address; set SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS=1 to allow',
    })
    // One bad address among good ones is enough: the connection may take any of them.
    expect(await checkDestination('https://mixed.example/', { allowPrivate: false, resolve })).toMatchObject({
      ok: false,
      error: expect.stringContaining('resolves to ::1, a loopback address'),
    })
  })

  it('refuses localhost and *.localhost without asking DNS', async () => {
    for (const url of ['http://localhost:3000/', 'http://LOCALHOST./', 'http://app.localhost/']) {
      expect(await checkDestination(url, { allowPrivate: false, resolve: noDns })).toMatchObject({
        ok: false,
        reason: 'blocked',
        error: expect.stringContaining('loopback'),
      })
    }
  })

  it('with allowPrivate lets private ranges through but never metadata, unspecified or multicast', async () => {
    for (const url of [
      'http://10.0.0.5/',
      'http://127.0.0.1:9/',
      'http://[::1]/',
      'http://localhost/',
      'http://100.64.0.1/',
      'http://169.254.10.10/',
    ]) {
      expect(await checkDestination(url, { allowPrivate: true, resolve: noDns })).toMatchObject({ ok: true })
    }
    for (const url of [
      'http://169.254.169.254/',
      'http://[fd00:ec2::254]/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      'http://[::ffff:169.254.169.254]/',
    ]) {
      expect(await checkDestination(url, { allowPrivate: true, resolve: noDns })).toMatchObject({
        ok: false,
        error: expect.stringContaining('never'),
      })
    }
  })

  it('refuses other schemes, credentials and unparseable URLs; reports DNS failures', async () => {
    expect(await checkDestination('ftp://example.com/', { allowPrivate: true, resolve: noDns })).toMatchObject({
      ok: false,
      reason: 'protocol',
      error: expect.stringContaining('not ftp'),
    })
    expect(await checkDestination('file:///etc/passwd', { allowPrivate: true, resolve: noDns })).toMatchObject({
      ok: false,
      reason: 'protocol',
    })
    expect(await checkDestination('https://user:pw@example.com/', { allowPrivate: true, resolve: noDns })).toMatchObject({
      ok: false,
      reason: 'credentials',
    })
    expect(await checkDestination('not a url', { allowPrivate: true, resolve: noDns })).toMatchObject({ ok: false, reason: 'invalid-url' })
    expect(await checkDestination('https://nowhere.example/', { allowPrivate: false, resolve: dns({}) })).toEqual({
      ok: false,
      reason: 'unresolvable',
      error: 'could not resolve nowhere.example (ENOTFOUND)',
    })
  })

  it('reads the environment switch', () => {
    expect(allowPrivateWebhooks({ SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS: '1' })).toBe(true)
    expect(allowPrivateWebhooks({ SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS: 'true' })).toBe(false)
    expect(allowPrivateWebhooks({})).toBe(false)
  })
})

describe('pinnedLookup', () => {
  const lookup = pinnedLookup({
    hostname: 'hooks.example.com',
    addresses: [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800::1', family: 6 },
    ],
  })
  const ask = (hostname: string, options: { family?: number; all?: boolean }) =>
    new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number | undefined }>((resolve) =>
      lookup(hostname, options, (error, address, family) => resolve({ error, address, family })),
    )

  it('answers only with the checked addresses', async () => {
    expect(await ask('hooks.example.com', {})).toMatchObject({ error: null, address: '93.184.216.34', family: 4 })
    expect(await ask('HOOKS.example.com', { family: 6 })).toMatchObject({ error: null, address: '2606:2800::1', family: 6 })
    expect(await ask('hooks.example.com', { all: true })).toMatchObject({
      error: null,
      address: [{ address: '93.184.216.34' }, { address: '2606:2800::1' }],
    })
  })

  it('refuses any other name', async () => {
    expect((await ask('evil.example', {})).error?.message).toMatch(/only hooks.example.com was checked/)
  })
})
