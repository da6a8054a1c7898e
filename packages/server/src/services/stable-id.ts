import { createHash } from 'node:crypto'

/**
 * 32 hex characters derived from the parts (null counts as empty): the ids of effects that must
 * be idempotent (review scores, evaluation scores and jobs, experiment traces, alert events and
 * deliveries), so doing the work again overwrites instead of duplicating.
 */
export const stableHash = (...parts: (string | number | null)[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
