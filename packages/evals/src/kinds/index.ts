import type { OfflineKind } from '../types'

/** Every offline kind, in the order a picker lists them. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own config type
export const OFFLINE_KINDS: OfflineKind<any>[] = []
