import { franc } from 'franc-min'
import { z } from 'zod'
import { EvalSkip } from '../types'
import { bool, defineKind, fieldField, fieldSchema, textFrom } from './shared'

/**
 * The languages franc-min tells apart (those with 8 million speakers or more), by their ISO
 * 639-3 code as it reports them, with the ISO 639-1 code where there is one.
 */
const DETECTABLE: Record<string, string | null> = {
  spa: 'es',
  eng: 'en',
  por: 'pt',
  ind: 'id',
  fra: 'fr',
  deu: 'de',
  jav: 'jv',
  vie: 'vi',
  ita: 'it',
  tur: 'tr',
  pol: 'pl',
  swh: 'sw',
  sun: 'su',
  ron: 'ro',
  hau: 'ha',
  fuv: 'ff',
  bos: 'bs',
  hrv: 'hr',
  nld: 'nl',
  srp: 'sr',
  ckb: 'ku',
  yor: 'yo',
  uzn: 'uz',
  zlm: 'ms',
  ibo: 'ig',
  ceb: null,
  tgl: 'tl',
  hun: 'hu',
  azj: 'az',
  ces: 'cs',
  run: 'rn',
  plt: 'mg',
  qug: 'qu',
  mad: null,
  nya: 'ny',
  zyb: 'za',
  kin: 'rw',
  zul: 'zu',
  swe: 'sv',
  lin: 'ln',
  som: 'so',
  hms: null,
  hnj: null,
  ilo: null,
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  koi: null,
  arb: 'ar',
  urd: 'ur',
  pes: 'fa',
  skr: null,
  pbu: 'ps',
  hin: 'hi',
  mar: 'mr',
  mai: null,
  bho: null,
  npi: 'ne',
  mag: null,
  cmn: 'zh',
  ben: 'bn',
  jpn: 'ja',
  kor: 'ko',
  tel: 'te',
  tam: 'ta',
  guj: 'gu',
  kan: 'kn',
  mal: 'ml',
  mya: 'my',
  pan: 'pa',
  amh: 'am',
  tha: 'th',
  sin: 'si',
  ell: 'el',
}

/** ISO 639-1 codes, macrolanguage and bibliographic (639-2/B) codes, to the code franc-min reports. */
const ALIASES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(DETECTABLE).flatMap(([three, two]) => (two ? [[two, three]] : []))),
  zho: 'cmn',
  chi: 'cmn',
  ara: 'arb',
  fas: 'pes',
  per: 'pes',
  msa: 'zlm',
  may: 'zlm',
  swa: 'swh',
  uzb: 'uzn',
  aze: 'azj',
  nep: 'npi',
  pus: 'pbu',
  kur: 'ckb',
  mlg: 'plt',
  ful: 'fuv',
  que: 'qug',
  zha: 'zyb',
  ger: 'deu',
  fre: 'fra',
  dut: 'nld',
  cze: 'ces',
  rum: 'ron',
  gre: 'ell',
  bur: 'mya',
}

/** A language code as franc-min reports it, or null when it cannot detect that language. */
export function toDetectable(code: string): string | null {
  const c = code.trim().toLowerCase()
  if (c in DETECTABLE) return c
  return ALIASES[c] ?? null
}

const displayNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' })
  } catch {
    return null
  }
})()

/** "French (fra)"; the code alone where no name is known. */
export function languageName(code: string): string {
  const two = DETECTABLE[code]
  let name: string | undefined
  try {
    name = displayNames?.of(two ?? code)
  } catch {}
  return name && name !== (two ?? code) ? `${name} (${code})` : code
}

const codeSchema = z.string({ error: 'expected must be a language code or a list of them' }).superRefine((c, ctx) => {
  if (!toDetectable(c))
    ctx.addIssue({
      code: 'custom',
      message: `"${c}" is not a language code this kind can detect: use an ISO 639-1 or 639-3 code of one of ${Object.keys(DETECTABLE).join(', ')}`,
    })
})

export const DEFAULT_MIN_CHARS = 20
const SAMPLE_CHARS = 600

export const language = defineKind({
  kind: 'language',
  label: 'Language',
  description:
    'True when the text is written in the expected language (one of them, if several), detected offline by trigrams (franc-min, 82 languages). Texts too short to tell are skipped.',
  dataType: 'boolean',
  config: z.object({
    field: fieldSchema,
    expected: z.preprocess(
      (v) => (typeof v === 'string' ? [v] : v),
      z
        .array(codeSchema, { error: 'expected must be a language code or a list of them' })
        .min(1, 'expected must name at least one language')
        .transform((codes) => [...new Set(codes.map((c) => toDetectable(c)!))]),
    ),
    minChars: z
      .number({ error: 'minChars must be a number' })
      .int('minChars must be a whole number')
      .min(10, 'minChars must be at least 10: shorter texts cannot be told apart')
      .max(1000)
      .default(DEFAULT_MIN_CHARS),
  }),
  fields: [
    {
      name: 'expected',
      type: 'string-list',
      label: 'Expected language',
      description: 'ISO 639-1 or 639-3 codes (en, de, fra…); any of them passes.',
      required: true,
    },
    {
      name: 'minChars',
      type: 'number',
      label: 'Shortest text judged',
      description: 'Shorter texts are skipped: too short to tell.',
      required: false,
      default: DEFAULT_MIN_CHARS,
    },
    fieldField,
  ],
  evaluate(subject, c) {
    const text = textFrom(subject, c.field).slice(0, 20 * SAMPLE_CHARS)
    // letters only: digits, markup and emoji say nothing of the language
    const letters = text
      .replace(/[^\p{L}\p{M}\s]/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
    if ([...letters].length < c.minChars)
      throw new EvalSkip(`too short to tell the language: ${[...letters].length} letters, ${c.minChars} needed`)
    // a few sentences decide it: a longer sample costs more than it tells
    const detected = franc(letters.slice(0, SAMPLE_CHARS), { minLength: c.minChars })
    if (detected === 'und') throw new EvalSkip('could not tell the language')
    const ok = c.expected.includes(detected)
    const expected = c.expected.map(languageName).join(' or ')
    return bool(ok, ok ? `detected ${languageName(detected)}` : `detected ${languageName(detected)}, expected ${expected}`)
  },
})
