import { useEffect, useRef, useState, type ComponentPropsWithoutRef } from 'react'
import { cx } from '../utils/cx'
import { useNow } from './use-now'

/** Where the lease stands; `renewing` while a renewal is on its way, `lost` once another reviewer may have it. */
export type LeaseState = 'held' | 'renewing' | 'lost'

export interface LeaseCountdownProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** when the lease on the item runs out (ISO time) */
  expiresAt: string | null
  state?: LeaseState | undefined
  /** below this many ms left the countdown warns (and is announced once) */
  warnBelowMs?: number | undefined
  /** a fixed "now" (stories, screenshots); the countdown ticks by itself otherwise */
  now?: number | undefined
}

/** m:ss */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * How long the reviewer keeps the item. A timer role that is not live (a ticking clock would be
 * read out every second); a separate status announces the warning once.
 */
export function LeaseCountdown({ expiresAt, state = 'held', warnBelowMs = 60_000, now: frozen, className, ...rest }: LeaseCountdownProps) {
  const now = useNow(1000, frozen)
  const left = expiresAt ? Date.parse(expiresAt) - now : null
  const phase = state === 'lost' ? 'lost' : left === null ? 'none' : left <= 0 ? 'expired' : left < warnBelowMs ? 'expiring' : 'ok'
  const [announced, setAnnounced] = useState('')
  const warned = useRef(false)
  useEffect(() => {
    if (phase === 'expiring' && !warned.current) {
      warned.current = true
      setAnnounced(state === 'renewing' ? '' : 'Your lease on this item runs out in under a minute.')
    } else if (phase === 'ok') {
      warned.current = false
      setAnnounced('')
    } else if (phase === 'lost') setAnnounced('')
  }, [phase, state])

  return (
    <div {...rest} className={cx('sl-lease', className)} data-state={phase} data-renewing={state === 'renewing' || undefined}>
      <span role="timer" aria-live="off" aria-atomic="true">
        {phase === 'lost' ? (
          'Lease lost'
        ) : left === null ? (
          'No lease'
        ) : phase === 'expired' ? (
          'Lease expired'
        ) : (
          <>
            <span className="sl-muted">Lease </span>
            <time dateTime={expiresAt!}>{formatRemaining(left)}</time>
            <span className="sl-visually-hidden"> left</span>
            {state === 'renewing' && <span className="sl-muted"> · renewing…</span>}
          </>
        )}
      </span>
      <span role="status" className="sl-visually-hidden">
        {announced}
      </span>
    </div>
  )
}
