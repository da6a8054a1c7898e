import { z } from 'zod'
import { bool, defineKind, fieldField, fieldSchema, MAX_TEXT, textFrom } from './shared'

interface SecretPattern {
  label: string
  re: RegExp
  /** false for matches that are placeholders, not secrets */
  accept?: (m: RegExpExecArray) => boolean
}

/** A value that only stands in for a secret: masks, template slots, the obvious samples. */
const PLACEHOLDER =
  /^(\*+|x+|\.+|<.*>|\{.*\}|\$\{?.*|%.*%|your[_-]?\w*|changeme|password|secret|example\w*|redacted|null|none|undefined|true|false)$/i

/** Each pattern is anchored on a rare prefix or keyword, so a scan stays linear. */
export const SECRET_PATTERNS = {
  'private-key': { label: 'private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g },
  anthropic: { label: 'Anthropic API key', re: /\bsk-ant-(?:api|admin)\d\d-[\w-]{20,}/g },
  openai: { label: 'OpenAI API key', re: /\bsk-(?!ant-|sl-)(?:proj-|svcacct-|admin-)?[\w-]{20,}/g },
  sightline: { label: 'Sightline secret key', re: /\bsk-sl-[\w-]{16,}/g },
  aws: { label: 'AWS access key', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  'aws-secret': { label: 'AWS secret key', re: /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi },
  github: { label: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{60,})/g },
  gitlab: { label: 'GitLab token', re: /\bglpat-[\w-]{20,}/g },
  slack: { label: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g },
  stripe: { label: 'Stripe key', re: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  google: { label: 'Google API key', re: /\bAIza[\w-]{35}(?![\w-])/g },
  // bounded parts: an unbounded run before a required dot backtracks over a long text
  jwt: { label: 'JWT', re: /\beyJ[\w-]{8,1000}\.eyJ[\w-]{8,8000}\.[\w-]{8,1000}/g },
  bearer: { label: 'bearer token', re: /\bBearer\s+(?!eyJ)[\w.~+/-]{20,}=*/g },
  'url-credentials': {
    label: 'password in a URL',
    re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,100}:([^\s:/@]{3,100})@/gi,
    accept: (m) => !PLACEHOLDER.test(m[1]!),
  },
  password: {
    label: 'password or credential assignment',
    re: /\b(?:password|passwd|pwd|pass|secret|api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["']?([^\s"',;]{6,})/gi,
    accept: (m) => !PLACEHOLDER.test(m[1]!),
  },
} satisfies Record<string, SecretPattern>

export type SecretKind = keyof typeof SECRET_PATTERNS
export const SECRET_KINDS = Object.keys(SECRET_PATTERNS) as SecretKind[]

/** How many of each kind the text holds. */
export function findSecrets(text: string, kinds: readonly SecretKind[]): Partial<Record<SecretKind, number>> {
  const examined = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text
  const found: Partial<Record<SecretKind, number>> = {}
  for (const kind of kinds) {
    const p: SecretPattern = SECRET_PATTERNS[kind]
    let n = 0
    for (const m of examined.matchAll(p.re)) if (!p.accept || p.accept(m as RegExpExecArray)) n++
    if (n) found[kind] = n
  }
  return found
}

export const secrets = defineKind({
  kind: 'secrets',
  label: 'Contains secrets',
  description:
    'True when the text holds an API key or credential: OpenAI, Anthropic, AWS, GitHub, GitLab, Slack, Stripe and Google keys, private key blocks, JWTs, bearer tokens, passwords in URLs or assignments. The comment names the kinds, never the secret.',
  dataType: 'boolean',
  config: z.object({
    field: fieldSchema,
    kinds: z
      .array(z.enum(SECRET_KINDS as [SecretKind, ...SecretKind[]], { error: `kinds may hold ${SECRET_KINDS.join(', ')}` }), {
        error: 'kinds must be a list',
      })
      .default(() => [...SECRET_KINDS])
      .transform((k) => (k.length ? [...new Set(k)] : [...SECRET_KINDS])),
  }),
  fields: [
    {
      name: 'kinds',
      type: 'string-list',
      label: 'Look for',
      description: 'Which kinds of secret count; all when empty.',
      required: false,
      options: [...SECRET_KINDS],
      default: [...SECRET_KINDS],
    },
    fieldField,
  ],
  evaluate(subject, c) {
    const found = findSecrets(textFrom(subject, c.field), c.kinds)
    const names = SECRET_KINDS.filter((k) => found[k]).map((k) => `${SECRET_PATTERNS[k].label} ×${found[k]}`)
    return bool(names.length > 0, names.length ? `found: ${names.join(', ')}` : 'no secrets found')
  },
})
