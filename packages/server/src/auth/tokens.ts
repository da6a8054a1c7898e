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

/** Reads the claims without trusting them: only to find which project's secret verifies them. */
export function peekToken(token: string): TokenClaims | null {
  if (!token.startsWith(TOKEN_PREFIX)) return null
  const [payload] = token.slice(TOKEN_PREFIX.length).split('.')
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims
    return typeof claims?.p === 'string' && typeof claims.exp === 'number' ? claims : null
  } catch {
    return null
  }
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string }

export function verifyToken(token: string, secret: string, nowMs: number): TokenCheck {
  const claims = peekToken(token)
  const [payload, signature = ''] = token.slice(TOKEN_PREFIX.length).split('.')
  const expected = Buffer.from(sign(payload, secret))
  const given = Buffer.from(signature)
  if (!claims || given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'token signature is not valid' }
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'token has expired' }
  return { ok: true, claims }
}
