export const DEFAULT_NAME = 'user_feedback'

/** A 64-bit non-cryptographic hash (cyrb53's mixing, both halves kept) as 16 hex digits. */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0')
  return hex(h2) + hex(h1)
}

/**
 * The score id for one end user's feedback on one answer. Deterministic, so every vote, change
 * and retraction (from any code path or page load) updates the same score.
 */
export function feedbackId(target: { traceId: string; spanId?: string | undefined; name?: string | undefined; userId: string }): string {
  // U+001F cannot appear in ids typed by people, so joined parts cannot run into each other.
  return 'fb_' + hash64([target.traceId, target.spanId ?? '', target.name || DEFAULT_NAME, target.userId].join('\x1f'))
}
