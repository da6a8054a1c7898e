import { describe, expect, it } from 'vitest'
import { findPii, ibanValid, luhn, pii, ssnValid } from './pii'
import { configError, out, run } from './test-utils/subject'

describe('validators', () => {
  it('Luhn', () => {
    expect(luhn('4111111111111111')).toBe(true)
    expect(luhn('4111111111111112')).toBe(false)
    expect(luhn('378282246310005')).toBe(true)
  })
  it('IBAN mod-97', () => {
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true)
    expect(ibanValid('DE89370400440532013000')).toBe(true)
    expect(ibanValid('DE89370400440532013001')).toBe(false)
    expect(ibanValid('GB82')).toBe(false)
  })
  it('SSN ranges', () => {
    expect(ssnValid('536', '22', '1234')).toBe(true)
    for (const [a, g, s] of [
      ['000', '12', '3456'],
      ['666', '12', '3456'],
      ['912', '12', '3456'],
      ['536', '00', '1234'],
      ['536', '22', '0000'],
      ['078', '05', '1120'],
    ])
      expect(ssnValid(a!, g!, s!)).toBe(false)
  })
})

describe('findPii', () => {
  const all = ['email', 'phone', 'card', 'iban', 'ssn'] as const
  it('finds each kind', () => {
    expect(findPii('write to jane.doe+tag@example.co.uk today', all)).toEqual({ email: 1 })
    expect(findPii('Ünïcode mail: jürgen@bücher.de', all)).toEqual({ email: 1 })
    expect(findPii('call +44 20 7946 0958 or (555) 123-4567', all)).toEqual({ phone: 2 })
    expect(findPii('card 4111 1111 1111 1111, amex 3782-822463-10005', all)).toEqual({ card: 2 })
    expect(findPii('pay to GB82 WEST 1234 5698 7654 32', all)).toEqual({ iban: 1 })
    expect(findPii('SSN 536-22-1234', all)).toEqual({ ssn: 1 })
  })
  it('ignores look-alikes: failed checksums, dates, IPs, versions, ids, invalid SSNs', () => {
    const text = [
      'card 4111 1111 1111 1112',
      'on 2026-12-02 at 10.0.0.127',
      'order 1234567890',
      'version 1.2.3',
      'IBAN DE89370400440532013001',
      'SSN 666-12-3456 and 000-12-3456',
      'user@localhost',
      'a @ b',
      'price 1,234,567.89',
    ].join('\n')
    expect(findPii(text, all)).toEqual({})
  })
  it('does not read a card or an IBAN as a phone', () => {
    expect(findPii('4111-1111-1111-1111', all)).toEqual({ card: 1 })
    expect(findPii('DE89 3704 0044 0532 0130 00', all)).toEqual({ iban: 1 })
    expect(findPii('DE89 3704 0044 0532 0130 00', ['phone'])).toEqual({})
  })
  it('stays fast on huge and hostile text', () => {
    const hostile = `${'a'.repeat(100_000)}@${'b'.repeat(100_000)} ${'1 '.repeat(50_000)}`
    const t = performance.now()
    expect(findPii(hostile, all)).toEqual({})
    expect(performance.now() - t).toBeLessThan(2000)
  })
})

describe('pii', () => {
  it('names the kinds found, never the data', () => {
    const r = run(pii, out('Mail jane@example.com, card 4111111111111111, again bob@example.org'))
    expect(r).toMatchObject({ value: true, dataType: 'boolean', comment: 'found: email address ×2, payment card number ×1' })
    expect(r.comment).not.toContain('jane')
    expect(r.comment).not.toContain('4111')
  })
  it('looks only for the kinds asked, all when the list is empty', () => {
    const text = 'jane@example.com'
    expect(run(pii, out(text), { kinds: ['phone'] })).toMatchObject({ value: false, comment: 'no personal data found' })
    expect(run(pii, out(text), { kinds: [] }).value).toBe(true)
  })
  it('reads chat messages and empty output', () => {
    expect(run(pii, out([{ role: 'assistant', content: 'SSN: 536-22-1234' }])).value).toBe(true)
    expect(run(pii, out(null)).value).toBe(false)
  })
  it('refuses unknown kinds', () => {
    expect(configError(pii, { kinds: ['passport'] })).toContain('kinds may hold email, phone, card, iban, ssn')
  })
})
