import type { TraceFilters } from '@sightline/core'
import type { TokenClaims } from './tokens'

/** Who is calling, settled once per request by the auth middleware. */
export type AuthContext =
  | { kind: 'secret'; projectId: string }
  | { kind: 'public'; projectId: string; origins: string[]; requireToken: boolean }
  | { kind: 'token'; projectId: string; claims: TokenClaims; filters: TraceFilters }

export interface AppEnv {
  Variables: { auth: AuthContext }
}
