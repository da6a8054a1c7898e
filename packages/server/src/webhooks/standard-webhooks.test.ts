import { describe, expect, it } from 'vitest'
import {
  MAX_ATTEMPTS,
  RETRY_SCHEDULE_MS,
  WebhookVerificationError,
  generateSecret,
  nextRetryDelay,
  parseSecret,
  sign,
  verify,
  webhookHeaders,
} from './standard-webhooks'

// The published vector of the reference libraries (javascript/src/webhook.test.ts, python tests).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
}
const AT_VECTOR = new Date(VECTOR.timestamp * 1000)

function expectReason(fn: () => unknown, reason: WebhookVerificationError['reason']): void {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError)
    expect((error as WebhookVerificationError).reason).toBe(reason)
    return
  }
  throw new Error(`expected a ${reason} failure`)
}

describe('sign', () => {
  it('matches the Standard Webhooks test vector, with or without the whsec_ prefix', () => {
    expect(sign({ ...VECTOR, secrets: [VECTOR.secret] })).toBe(VECTOR.signature)
    expect(sign({ ...VECTOR, secrets: [VECTOR.secret.slice('whsec_'.length)] })).toBe(VECTOR.signature)
    expect(sign({ ...VECTOR, body: Buffer.from(VECTOR.body), secrets: [VECTOR.secret] })).toBe(VECTOR.signature)
  })

  it('signs the UTF-8 bytes of the body and takes unpadded secrets (values from Python hmac)', () => {
    expect(sign({ ...VECTOR, body: '{"name":"naïve ✓"}', secrets: [VECTOR.secret] })).toBe(
      'v1,rq4dUggrpzxw08g7ND2DCEWbM24/mi6Tml674ch017s=',
    )
    expect(sign({ ...VECTOR, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr'] })).toBe(
      'v1,yK2tMbA6BHPrMEJ1lLv7UlJJbgFoqGenJkiajZ29evg=',
    )
  })

  it('gives one space-separated signature per secret while rotating', () => {
    const next = generateSecret()
    const header = sign({ ...VECTOR, secrets: [next, VECTOR.secret] })
    const parts = header.split(' ')
    expect(parts).toHaveLength(2)
    expect(parts[1]).toBe(VECTOR.signature)
    expect(parts[0]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
    expect(sign({ ...VECTOR, secrets: [VECTOR.secret, VECTOR.secret] })).toBe(VECTOR.signature)
  })

  it('refuses ids that would make the signed content ambiguous, bad timestamps and no secret', () => {
    expect(() => sign({ ...VECTOR, id: 'msg.1', secrets: [VECTOR.secret] })).toThrow(/without dots/)
    expect(() => sign({ ...VECTOR, id: 'a\nb', secrets: [VECTOR.secret] })).toThrow(TypeError)
    expect(() => sign({ ...VECTOR, id: '', secrets: [VECTOR.secret] })).toThrow(TypeError)
    expect(() => sign({ ...VECTOR, timestamp: 1.5, secrets: [VECTOR.secret] })).toThrow(/whole seconds/)
    expect(() => sign({ ...VECTOR, secrets: [] })).toThrow(/at least one/)
  })

  it('webhookHeaders gives the three headers and the content type', () => {
    expect(webhookHeaders({ ...VECTOR, secrets: [VECTOR.secret] })).toEqual({
      'content-type': 'application/json',
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    })
  })
})

describe('secrets', () => {
  it('generates whsec_ + base64 of 32 random bytes that parse back', () => {
    const a = generateSecret()
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(parseSecret(a)).toHaveLength(32)
    expect(generateSecret(24)).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    expect(generateSecret()).not.toBe(a)
    expect(() => generateSecret(16)).toThrow(RangeError)
  })

  it('parses prefixed, bare, padded and unpadded base64 alike', () => {
    const key = parseSecret(VECTOR.secret)
    expect(key).toHaveLength(24)
    expect(parseSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toEqual(key)
    expect(parseSecret(` ${VECTOR.secret}\n`)).toEqual(key)
    expect(parseSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr')).toEqual(parseSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr=='))
  })

  it('refuses bad secrets with a message that does not quote them', () => {
    expect(() => parseSecret('')).toThrow(/empty/)
    expect(() => parseSecret('whsec_')).toThrow(/empty/)
    expect(() => parseSecret('whsec_not base64!!')).toThrow(/followed by base64/)
    expect(() => parseSecret('whsec_abcde')).toThrow(/followed by base64/) // a length no base64 has
    expect(() => parseSecret('whsec_ab=c')).toThrow(/followed by base64/)
    expect(() => parseSecret('whsk_AAAA')).toThrow(/ed25519/)
    expect(() => parseSecret('whsec_c2hvcnQ=')).toThrow(/5 bytes; at least 24/)
    expect(parseSecret('whsec_c2hvcnQ=', { minBytes: 1 })).toEqual(Buffer.from('short'))
    try {
      parseSecret('whsec_s3cr3t-with-bad-chars')
    } catch (error) {
      expect(String(error)).not.toContain('s3cr3t')
    }
  })
})

describe('verify', () => {
  const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature }

  it('accepts the test vector, header names in any case, and fetch Headers', () => {
    expect(verify({ headers, body: VECTOR.body, secret: VECTOR.secret, now: AT_VECTOR })).toBe(true)
    const upper = { 'Webhook-Id': VECTOR.id, 'WEBHOOK-TIMESTAMP': String(VECTOR.timestamp), 'Webhook-Signature': VECTOR.signature }
    expect(verify({ headers: upper, body: VECTOR.body, secret: VECTOR.secret, now: AT_VECTOR })).toBe(true)
    expect(verify({ headers: new Headers(headers), body: Buffer.from(VECTOR.body), secret: VECTOR.secret, now: AT_VECTOR })).toBe(true)
  })

  it('round-trips what sign produces with a generated secret', () => {
    const secret = generateSecret()
    const body = JSON.stringify({ type: 'monitor.fired', data: { value: 0.42 } })
    const now = new Date()
    const timestamp = Math.floor(now.getTime() / 1000)
    const signed = webhookHeaders({ id: 'dlv_1', timestamp, body, secrets: [secret] })
    expect(verify({ headers: signed, body, secret, now })).toBe(true)
    expectReason(() => verify({ headers: signed, body: `${body} `, secret, now }), 'no-match')
    expectReason(() => verify({ headers: { ...signed, 'webhook-id': 'dlv_2' }, body, secret, now }), 'no-match')
    expectReason(() => verify({ headers: signed, body, secret: generateSecret(), now }), 'no-match')
  })

  it('during rotation either secret verifies the two-signature header', () => {
    const [old, next] = [generateSecret(), generateSecret()]
    const signed = webhookHeaders({ id: 'dlv_1', timestamp: VECTOR.timestamp, body: '{}', secrets: [next, old] })
    expect(verify({ headers: signed, body: '{}', secret: old, now: AT_VECTOR })).toBe(true)
    expect(verify({ headers: signed, body: '{}', secret: next, now: AT_VECTOR })).toBe(true)
    expect(verify({ headers: signed, body: '{}', secret: [generateSecret(), next], now: AT_VECTOR })).toBe(true)
    expectReason(() => verify({ headers: signed, body: '{}', secret: generateSecret(), now: AT_VECTOR }), 'no-match')
  })

  it('finds the v1 signature among others and skips other schemes', () => {
    const mixed = [
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      VECTOR.signature,
      'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==',
    ].join(' ')
    expect(verify({ headers: { ...headers, 'webhook-signature': mixed }, body: VECTOR.body, secret: VECTOR.secret, now: AT_VECTOR })).toBe(
      true,
    )
    const v2Only = VECTOR.signature.replace('v1,', 'v2,')
    expectReason(
      () => verify({ headers: { ...headers, 'webhook-signature': v2Only }, body: VECTOR.body, secret: VECTOR.secret, now: AT_VECTOR }),
      'no-match',
    )
    for (const partial of ['v1,', 'v1,g0hM9SsE', 'v1', VECTOR.signature.slice(0, 8)]) {
      expectReason(
        () => verify({ headers: { ...headers, 'webhook-signature': partial }, body: VECTOR.body, secret: VECTOR.secret, now: AT_VECTOR }),
        'no-match',
      )
    }
  })

  it('enforces the timestamp tolerance both ways (300 s by default)', () => {
    const at = (seconds: number) => new Date((VECTOR.timestamp + seconds) * 1000)
    const check = (now: Date, toleranceSeconds?: number) => () =>
      verify({ headers, body: VECTOR.body, secret: VECTOR.secret, now, ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }) })
    expect(check(at(300))()).toBe(true)
    expect(check(at(-300))()).toBe(true)
    expectReason(check(at(301)), 'too-old')
    expectReason(check(at(-301)), 'too-new')
    expect(check(at(3600), 3600)()).toBe(true)
    expectReason(check(at(31), 30), 'too-old')
  })

  it('names missing headers and unreadable timestamps', () => {
    for (const name of Object.keys(headers)) {
      const without = { ...headers, [name]: undefined }
      expectReason(() => verify({ headers: without, body: VECTOR.body, secret: VECTOR.secret, now: AT_VECTOR }), 'missing-header')
    }
    for (const bad of ['hello', '1614265330abc', '-1', '1.5e9']) {
      expectReason(
        () => verify({ headers: { ...headers, 'webhook-timestamp': bad }, body: VECTOR.body, secret: VECTOR.secret, now: AT_VECTOR }),
        'bad-timestamp',
      )
    }
  })
})

describe('retry schedule', () => {
  it('is the Standard Webhooks schedule', () => {
    expect(RETRY_SCHEDULE_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000])
    expect(MAX_ATTEMPTS).toBe(8)
  })

  it('nextRetryDelay walks it and then gives up', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => nextRetryDelay(n))).toEqual(RETRY_SCHEDULE_MS)
    expect(nextRetryDelay(8)).toBeNull()
    expect(() => nextRetryDelay(0)).toThrow(RangeError)
  })

  it('stretches for Retry-After up to the longest step, and jitters on request', () => {
    expect(nextRetryDelay(1, { retryAfterMs: 60_000 })).toBe(60_000)
    expect(nextRetryDelay(2, { retryAfterMs: 60_000 })).toBe(300_000)
    expect(nextRetryDelay(1, { retryAfterMs: 7 * 24 * 3600_000 })).toBe(36_000_000)
    expect(nextRetryDelay(1, { jitter: 0.2, random: () => 0.5 })).toBe(5_500)
    expect(nextRetryDelay(8, { retryAfterMs: 1000 })).toBeNull()
  })
})
