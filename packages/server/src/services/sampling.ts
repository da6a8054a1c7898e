import { createHash } from 'node:crypto'

/**
 * Whether a trace is in a sample of `rate`, decided by a hash of (who samples, trace id): a trace
 * seen again (more spans, a backfill, another instance) is always in or always out.
 */
export function sampled(samplerId: string, traceId: string, rate: number): boolean {
  if (rate >= 1) return true
  if (rate <= 0) return false
  const h = createHash('sha256').update(`${samplerId}\u0000${traceId}`).digest().readUInt32BE(0)
  return h / 2 ** 32 < rate
}
