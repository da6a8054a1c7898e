import { z } from 'zod'
import { bool, defineKind, fieldField, fieldSchema, MAX_TEXT, textFrom } from './shared'

export const PII_KINDS = ['email', 'phone', 'card', 'iban', 'ssn'] as const
export type PiiKind = (typeof PII_KINDS)[number]

const PII_LABELS: Record<PiiKind, string> = {
  email: 'email address',
  phone: 'phone number',
  card: 'payment card number',
  iban: 'IBAN',
  ssn: 'US social security number',
}

// ---- validators ---------------------------------------------------------------------------

/** The Luhn checksum every payment card number passes. */
export function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return digits.length > 0 && sum % 10 === 0
}

/** ISO 13616: letters as 10–35, the first four characters moved to the end, the number mod 97 is 1. */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/ /g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  const moved = iban.slice(4) + iban.slice(0, 4)
  let rest = 0
  for (const ch of moved) {
    const code = ch.charCodeAt(0)
    const v = code >= 65 ? code - 55 : code - 48
    rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97
  }
  return rest === 1
}

/** A US SSN as issued: area not 000, 666 or 900–999, group not 00, serial not 0000, and not the famous sample numbers. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area)
  if (a === 0 || a === 666 || a >= 900 || group === '00' || serial === '0000') return false
  return !['078-05-1120', '219-09-9999', '123-45-6789'].includes(`${area}-${group}-${serial}`)
}

// ---- finders: each returns how many it found and the text with them blanked ---------------------

type Found = { count: number; rest: string }

/** The text with the ranges (in order, not overlapping) replaced by spaces: later finders do not see them again. */
function blankRanges(text: string, ranges: [number, number][]): string {
  if (!ranges.length) return text
  let out = ''
  let from = 0
  for (const [start, end] of ranges) {
    out += text.slice(from, start) + ' '.repeat(end - start)
    from = end
  }
  return out + text.slice(from)
}

function replaceCounting(text: string, re: RegExp, accept: (m: RegExpExecArray) => boolean): Found {
  const ranges: [number, number][] = []
  for (const m of text.matchAll(re)) if (accept(m as RegExpExecArray)) ranges.push([m.index, m.index + m[0].length])
  return { count: ranges.length, rest: blankRanges(text, ranges) }
}

/** Found from each "@" outwards, with bounded look-around: no regex scans a long run of letters twice. */
function findEmails(text: string): Found {
  const ranges: [number, number][] = []
  let at = text.indexOf('@')
  while (at >= 0) {
    const local = /[\p{L}\p{N}._%+-]{1,64}$/u.exec(text.slice(Math.max(0, at - 64), at))?.[0]
    const domain = /^[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}/u.exec(text.slice(at + 1, at + 256))?.[0]
    // the domain needs a dot and a top-level part of two letters or more
    if (local && domain && /\.\p{L}{2,}$/u.test(domain) && !local.startsWith('.')) {
      ranges.push([Math.max(at - local.length, ranges.at(-1)?.[1] ?? 0), at + 1 + domain.length])
      at = text.indexOf('@', at + 1 + domain.length)
    } else at = text.indexOf('@', at + 1)
  }
  return { count: ranges.length, rest: blankRanges(text, ranges) }
}

const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g
const SSN = /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g
const PHONE = /(?<![\w+.-])(\+?\(?\d[\d ().-]{6,20}\d)(?![\w-]|\.\d)/g
const DATE_LIKE = /^(\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4})$/
const IP_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/

function phoneLike(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '').length
  if (DATE_LIKE.test(candidate) || IP_LIKE.test(candidate)) return false
  if ((candidate.match(/\(/g)?.length ?? 0) !== (candidate.match(/\)/g)?.length ?? 0)) return false
  if (candidate.startsWith('+')) return digits >= 8 && digits <= 15
  // without a country code: 10 or 11 digits written in groups ((555) 123-4567, 020 7946 0958)
  return digits >= 10 && digits <= 11 && /[ ().-]/.test(candidate)
}

/** How many of each kind the text holds. Cards go first so their digits are not read as phones. */
export function findPii(text: string, kinds: readonly PiiKind[]): Partial<Record<PiiKind, number>> {
  const want = new Set(kinds)
  const found: Partial<Record<PiiKind, number>> = {}
  let rest = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text
  const step = (kind: PiiKind, f: (t: string) => Found) => {
    const r = f(rest)
    // blanking also keeps a kind not asked for from being read as another (an IBAN's digits as a phone)
    rest = r.rest
    if (r.count && want.has(kind)) found[kind] = r.count
  }
  step('email', findEmails)
  step('iban', (t) => replaceCounting(t, IBAN, (m) => ibanValid(m[0])))
  step('card', (t) =>
    replaceCounting(t, CARD, (m) => {
      const digits = m[0].replace(/\D/g, '')
      return /^[2-6]/.test(digits) && luhn(digits)
    }),
  )
  step('ssn', (t) => replaceCounting(t, SSN, (m) => ssnValid(m[1]!, m[3]!, m[4]!)))
  step('phone', (t) => replaceCounting(t, PHONE, (m) => phoneLike(m[1]!)))
  return found
}

export const pii = defineKind({
  kind: 'pii',
  label: 'Contains PII',
  description:
    'True when the text holds personal data: email addresses, phone numbers, payment card numbers (Luhn-checked), IBANs (mod-97-checked), US social security numbers. The comment names the kinds found, never the data.',
  dataType: 'boolean',
  config: z.object({
    field: fieldSchema,
    kinds: z
      .array(z.enum(PII_KINDS, { error: `kinds may hold ${PII_KINDS.join(', ')}` }), { error: 'kinds must be a list' })
      .default(() => [...PII_KINDS])
      .transform((k) => (k.length ? [...new Set(k)] : [...PII_KINDS])),
  }),
  fields: [
    {
      name: 'kinds',
      type: 'string-list',
      label: 'Look for',
      description: 'Which kinds of personal data count; all when empty.',
      required: false,
      options: [...PII_KINDS],
      default: [...PII_KINDS],
    },
    fieldField,
  ],
  evaluate(subject, c) {
    const found = findPii(textFrom(subject, c.field), c.kinds)
    const names = PII_KINDS.filter((k) => found[k]).map((k) => `${PII_LABELS[k]} ×${found[k]}`)
    return bool(names.length > 0, names.length ? `found: ${names.join(', ')}` : 'no personal data found')
  },
})
