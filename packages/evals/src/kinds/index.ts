import type { OfflineKind } from '../types'
import { jsonSchema, jsonValid } from './json'
import { contains, equals, notContains, regex, startsWith } from './text-match'

/** Every offline kind, in the order a picker lists them. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own config type
export const OFFLINE_KINDS: OfflineKind<any>[] = [contains, notContains, startsWith, equals, regex, jsonValid, jsonSchema]
