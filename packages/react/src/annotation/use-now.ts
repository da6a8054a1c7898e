import { useEffect, useState } from 'react'

/** The current time, ticking every `intervalMs`; a fixed `frozen` time stops the clock (stories, tests). */
export function useNow(intervalMs = 1000, frozen?: number): number {
  const [now, setNow] = useState(() => frozen ?? Date.now())
  useEffect(() => {
    if (frozen !== undefined) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, frozen])
  return frozen ?? now
}
