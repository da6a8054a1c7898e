import { describe, expect, it } from 'vitest'
import { findSecrets, SECRET_KINDS, secrets } from './secrets'
import { configError, out, run } from './test-utils/subject'

const samples: Record<string, string> = {
  openai: 'key: sk-proj-abcdEFGH1234ijklMNOP5678qrst',
  anthropic: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789',
  sightline: 'SIGHTLINE_SECRET_KEY=sk-sl-0123456789abcdef01',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret': 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  github: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  gitlab: 'glpat-abcdefghij0123456789',
  slack: 'xoxb-123456789012-abcdefghijkl',
  stripe: 'sk_live_abcdefghijklmnop1234',
  google: 'AIzaSyA-abcdefghijklmnopqrstuvwxyz01234',
  'private-key': '-----BEGIN RSA PRIVATE KEY-----\nMIIE...',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  bearer: 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345',
  'url-credentials': 'postgres://app:s3cr3tpass@db.internal:5432/app',
  password: 'password="hunter22!"',
}

describe('findSecrets', () => {
  it('finds each kind alone', () => {
    for (const kind of SECRET_KINDS) expect(findSecrets(samples[kind]!, SECRET_KINDS), kind).toEqual({ [kind]: 1 })
  })
  it('ignores placeholders, prose and near misses', () => {
    const text = [
      'password: ********',
      'api_key = <YOUR_API_KEY>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style placeholder is the point
      'secret=${SECRET}',
      'postgres://user:***@host/db',
      'Use your password to log in.',
      'sk-short',
      'AKIA1234',
      'the skeleton key',
    ].join('\n')
    expect(findSecrets(text, SECRET_KINDS)).toEqual({})
  })
})

describe('secrets', () => {
  it('names the kinds found, never the secret', () => {
    const r = run(secrets, out(`${samples.openai} and ${samples.aws}`))
    expect(r).toMatchObject({ value: true, dataType: 'boolean', comment: 'found: OpenAI API key ×1, AWS access key ×1' })
    expect(r.comment).not.toContain('AKIA')
  })
  it('looks only for the kinds asked', () => {
    expect(run(secrets, out(samples.jwt!), { kinds: ['aws'] })).toMatchObject({ value: false, comment: 'no secrets found' })
    expect(run(secrets, out([{ role: 'assistant', content: samples.github! }])).value).toBe(true)
    expect(run(secrets, out(null)).value).toBe(false)
  })
  it('refuses unknown kinds', () => {
    expect(configError(secrets, { kinds: ['ssh'] })).toContain('kinds may hold private-key, anthropic')
  })
})

describe('findSecrets on hostile text', () => {
  it('stays fast where a pattern could backtrack', () => {
    const t = performance.now()
    expect(findSecrets('eyJ'.repeat(60_000), SECRET_KINDS)).toEqual({})
    expect(findSecrets(`${'a://b:'.repeat(30_000)}`, SECRET_KINDS)).toEqual({})
    findSecrets('password: '.repeat(20_000), SECRET_KINDS)
    expect(performance.now() - t).toBeLessThan(3000)
  })
})
