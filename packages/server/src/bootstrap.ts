import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKey, hashKey, keyPrefix, PUBLIC_KEY_PREFIX, SECRET_KEY_PREFIX } from './auth/keys'
import { makePrivateDir, writePrivateFile } from './private-files'
import type { Store } from './store/types'

export const DEFAULT_PROJECT_ID = 'default'

export interface BootstrapOptions {
  dataDir: string
  secretKey?: string | undefined
  publicKey?: string | undefined
  allowedOrigins: string[]
  requireFeedbackToken?: boolean
  log?: (line: string) => void
}

export interface ProjectKeys {
  projectId: string
  secretKey: string
  publicKey: string
}

/**
 * Makes sure the default project and its keys exist. Keys come from the environment when set;
 * otherwise they are generated once, kept in `<dataDir>/keys.json` (mode 0600) and printed.
 */
export async function bootstrapDefaultProject(store: Store, o: BootstrapOptions): Promise<ProjectKeys> {
  const log = o.log ?? console.log
  if (!(await store.getProject(DEFAULT_PROJECT_ID)))
    await store.createProject({ id: DEFAULT_PROJECT_ID, name: 'Default project', signingSecret: randomBytes(32).toString('base64url') })

  for (const [key, prefix] of [
    [o.secretKey, SECRET_KEY_PREFIX],
    [o.publicKey, PUBLIC_KEY_PREFIX],
  ] as const)
    if (key !== undefined && !key.startsWith(prefix)) throw new Error(`a ${prefix}… key was expected, got "${keyPrefix(key)}"`)

  const file = join(o.dataDir, 'keys.json')
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<ProjectKeys>) : {}
  const keys: ProjectKeys = {
    projectId: DEFAULT_PROJECT_ID,
    secretKey: o.secretKey ?? stored.secretKey ?? generateKey(SECRET_KEY_PREFIX),
    publicKey: o.publicKey ?? stored.publicKey ?? generateKey(PUBLIC_KEY_PREFIX),
  }
  await store.putKey(hashKey(keys.secretKey), keyPrefix(keys.secretKey), {
    projectId: DEFAULT_PROJECT_ID,
    kind: 'secret',
    origins: [],
    requireToken: false,
  })
  await store.putKey(hashKey(keys.publicKey), keyPrefix(keys.publicKey), {
    projectId: DEFAULT_PROJECT_ID,
    kind: 'public',
    origins: o.allowedOrigins,
    requireToken: o.requireFeedbackToken ?? false,
  })

  const generated = keys.secretKey !== (o.secretKey ?? stored.secretKey) || keys.publicKey !== (o.publicKey ?? stored.publicKey)
  if (generated) {
    makePrivateDir(o.dataDir)
    writePrivateFile(file, `${JSON.stringify({ secretKey: keys.secretKey, publicKey: keys.publicKey }, null, 2)}\n`)
    log(`New keys for the default project (kept in ${file}):`)
    log(`  secret key  ${keys.secretKey}   (servers only; never ship it to a browser)`)
    log(`  public key  ${keys.publicKey}   (browsers; feedback only)`)
  } else {
    log(`Keys: ${o.secretKey ? 'secret key from SIGHTLINE_SECRET_KEY' : `secret key ${keyPrefix(keys.secretKey)} in ${file}`}`)
  }
  return keys
}
