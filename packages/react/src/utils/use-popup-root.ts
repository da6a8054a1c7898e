import { useCallback, useRef, useState } from 'react'

/**
 * Open state and portal container for a popup (a select's list, a tooltip). The popup portals
 * into the `.sl-root` around its trigger, so a `data-sl-theme` or `--sl-*` overrides set around
 * the panel reach it too; outside any panel it goes to the document body.
 *
 * The container is found as the popup opens, in the same update, so the popup never renders
 * into the wrong place first.
 */
export function usePopupRoot<T extends HTMLElement>() {
  const triggerRef = useRef<T>(null)
  const [open, setOpen] = useState(false)
  const [container, setContainer] = useState<HTMLElement | null>(null)
  const onOpenChange = useCallback((next: boolean) => {
    if (next) setContainer(triggerRef.current?.closest<HTMLElement>('.sl-root') ?? null)
    setOpen(next)
  }, [])
  return { triggerRef, open, onOpenChange, container }
}
