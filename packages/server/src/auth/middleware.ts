import { parseTraceListQuery, type TraceFilters } from '@sightline/core'
import type { MiddlewareHandler } from 'hono'
import { ApiHttpError } from '../http-errors'
import type { ApiKeyRecord, Store } from '../store/types'
import type { AppEnv, AuthContext } from './auth-context'
import { hashKey, PUBLIC_KEY_PREFIX, SECRET_KEY_PREFIX } from './keys'
import { peekToken, TOKEN_PREFIX, type TokenClaims, verifyToken } from './tokens'

const KEY_CACHE_MS = 30_000
const unauthorized = (message: string) => new ApiHttpError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer' })

/** A token's fixed filters, in trace-list parameter names, as TraceFilters. */
export function tokenFilters(filters: TokenClaims['filters']): TraceFilters {
  if (!filters) return {}
  const parsed = parseTraceListQuery(filters)
  if (!parsed.success) throw unauthorized('token filters are not valid')
  const { sort: _s, limit: _l, cursor: _c, ...rest } = parsed.data
  return rest
}

/**
 * The one request that may carry its credential in the URL: `navigator.sendBeacon` cannot set
 * headers. URLs end up in proxy and access logs, so only browser feedback credentials go there.
 */
const URL_KEY_ROUTE = { method: 'POST', path: '/api/v1/feedback' }

/** Resolves `Authorization: Bearer …` (or, for browser feedback, `?key=`) to an AuthContext. */
export function authenticate(store: Store, now: () => number): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, { at: number; key: ApiKeyRecord | null }>()
  const secrets = new Map<string, string>()

  async function findKey(raw: string) {
    const hash = hashKey(raw)
    const hit = cache.get(hash)
    if (hit && now() - hit.at < KEY_CACHE_MS) return hit.key
    const key = await store.findKey(hash)
    if (cache.size > 10_000) cache.clear()
    cache.set(hash, { at: now(), key })
    return key
  }

  async function signingSecret(projectId: string) {
    let secret = secrets.get(projectId)
    if (!secret) {
      secret = (await store.getProject(projectId))?.signingSecret
      if (secret) secrets.set(projectId, secret)
    }
    return secret
  }

  async function resolve(credential: string): Promise<AuthContext> {
    if (credential.startsWith(SECRET_KEY_PREFIX) || credential.startsWith(PUBLIC_KEY_PREFIX)) {
      const key = await findKey(credential)
      if (!key) throw unauthorized('API key is not valid')
      if (key.kind === 'secret') return { kind: 'secret', projectId: key.projectId }
      return { kind: 'public', projectId: key.projectId, origins: key.origins, requireToken: key.requireToken }
    }
    if (credential.startsWith(TOKEN_PREFIX)) {
      const claims = peekToken(credential)
      const secret = claims && (await signingSecret(claims.p))
      if (!secret) throw unauthorized('token is not valid')
      const check = verifyToken(credential, secret, now())
      if (!check.ok) throw unauthorized(check.reason)
      return { kind: 'token', projectId: check.claims.p, claims: check.claims, filters: tokenFilters(check.claims.filters) }
    }
    throw unauthorized('credential is not a Sightline key (sk-sl-…, pk-sl-…) or token (slt_…)')
  }

  return async (c, next) => {
    const header = c.req.header('authorization')
    const inUrl = header === undefined ? c.req.query('key') : undefined
    const credential = header ? /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() : inUrl
    if (!credential) throw unauthorized('missing credentials: send Authorization: Bearer <key or token>')
    if (inUrl !== undefined && (c.req.method !== URL_KEY_ROUTE.method || c.req.path !== URL_KEY_ROUTE.path))
      throw unauthorized(
        `credentials in the URL end up in logs: send Authorization: Bearer <key or token> (?key= is taken only by ${URL_KEY_ROUTE.method} ${URL_KEY_ROUTE.path})`,
      )
    const auth = await resolve(credential)
    if (inUrl !== undefined && auth.kind !== 'public' && !(auth.kind === 'token' && auth.claims.k === 'feedback'))
      throw unauthorized('?key= takes only a public key or a feedback token; send other credentials as Authorization: Bearer')
    c.set('auth', auth)
    await next()
  }
}

/**
 * read: the secret key or a view/annotate token; read-all: the same, but not a token narrowed by
 * fixed filters (datasets, experiments and monitors are project-wide: copies of traces, series of any group).
 */
export type Access = 'write' | 'read' | 'read-all'

/** Least privilege: writes need the secret key; reads take the secret key or a view/annotate token. */
export function requireAccess(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.get('auth')
    const ok = auth.kind === 'secret' || (access !== 'write' && auth.kind === 'token' && auth.claims.k !== 'feedback')
    if (ok && access === 'read-all' && auth.kind === 'token' && Object.keys(auth.filters).length)
      throw new ApiHttpError(
        403,
        'forbidden',
        'this token is narrowed by filters, and this is project-wide data (datasets, experiments, monitors): it cannot read it',
      )
    if (!ok)
      throw new ApiHttpError(
        403,
        'forbidden',
        access === 'write' ? 'this endpoint needs the secret key' : 'this credential cannot read project data',
      )
    await next()
  }
}
