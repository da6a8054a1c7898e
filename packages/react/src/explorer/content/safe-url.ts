/** rel for every link to a URL that came from model or user data. */
export const UNTRUSTED_LINK_REL = 'noopener noreferrer nofollow'

/**
 * The href to use for a URL found in untrusted text, or null when it must not become a link.
 * Only absolute http(s) URLs pass: `javascript:`, `data:`, `vbscript:`, relative and malformed
 * URLs are shown as text.
 */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim()
  // Checked on the raw text first: URL parsing strips tabs and newlines ("java\tscript:").
  if (!/^https?:\/\/[^\s]/i.test(trimmed)) return null
  try {
    const url = new URL(trimmed)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
