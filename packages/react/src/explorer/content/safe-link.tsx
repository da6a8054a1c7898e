import type { ReactNode } from 'react'
import { safeHref, UNTRUSTED_LINK_REL } from './safe-url'

/** A link to an untrusted URL when it is http(s), else its text; always opens apart from the host page. */
export function SafeLink({ href, children }: { href: string; children?: ReactNode }) {
  const safe = safeHref(href)
  if (!safe) return <span className="sl-untrusted-link">{children ?? href}</span>
  return (
    <a href={safe} rel={UNTRUSTED_LINK_REL} target="_blank" referrerPolicy="no-referrer">
      {children ?? href}
    </a>
  )
}
