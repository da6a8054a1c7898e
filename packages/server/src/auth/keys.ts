import { createHash, randomBytes } from 'node:crypto'

export const SECRET_KEY_PREFIX = 'sk-sl-'
export const PUBLIC_KEY_PREFIX = 'pk-sl-'

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

export const generateKey = (prefix: string) => prefix + randomBytes(24).toString('base64url')

/** What is shown of a key in logs and listings. */
export const keyPrefix = (key: string) => `${key.slice(0, 10)}…`
