import { createHmac, timingSafeEqual } from 'node:crypto'
import type { TokenKind } from '@sightline/core'

export const TOKEN_PREFIX = 'slt_'

/** What a browser token carries. Verified statelessly with the project's signing secret. */
export interface TokenClaims {
  /** project id */
  p: string
  k: TokenKind
  /** expiry, epoch seconds */
  exp: number
  traceIds?: string[]
  names?: string[]
  filters?: Record<string, string | number | string[]>
  reviewer?: string
  queueIds?: string[]
}

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url')

export function signToken(claims: TokenClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${TOKEN_PREFIX}${payload}.${sign(payload, secret)}`
}

/** `slt_<base64url claims>.<base64url HMAC-SHA256>`, exactly: nothing before, between or after. */
const TOKEN_SHAPE = /^slt_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/

function split(token: string): { payload: string; signature: string } | null {
  const m = TOKEN_SHAPE.exec(token)
  // Both groups of TOKEN_SHAPE are required, so a match has them.
  return m ? { payload: m[1]!, signature: m[2]! } : null
}

/** Reads the claims without trusting them: only to find which project's secret verifies them. */
export function peekToken(token: string): TokenClaims | null {
  const parts = split(token)
  if (!parts) return null
  try {
    const claims = JSON.parse(Buffer.from(parts.payload, 'base64url').toString('utf8')) as TokenClaims
    return typeof claims?.p === 'string' && typeof claims.exp === 'number' ? claims : null
  } catch {
    return null
  }
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string }

export function verifyToken(token: string, secret: string, nowMs: number): TokenCheck {
  const parts = split(token)
  const claims = peekToken(token)
  if (!parts || !claims) return { ok: false, reason: 'token is not valid' }
  const expected = Buffer.from(sign(parts.payload, secret))
  const given = Buffer.from(parts.signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'token signature is not valid' }
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'token has expired' }
  return { ok: true, claims }
}
