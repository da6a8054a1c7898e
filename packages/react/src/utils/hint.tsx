import { Tooltip } from 'radix-ui'
import { createContext, useContext, type ReactElement, type ReactNode } from 'react'
import { usePopupRoot } from './use-popup-root'

const HINT_DELAY_MS = 400

const InProvider = createContext(false)

/**
 * One tooltip provider for a panel's hints: once one is shown, the next opens without the delay.
 * A hint outside any provider brings its own.
 */
export function HintProvider({ children }: { children: ReactNode }) {
  return (
    <InProvider value={true}>
      <Tooltip.Provider delayDuration={HINT_DELAY_MS}>{children}</Tooltip.Provider>
    </InProvider>
  )
}

export interface HintProps {
  /** what the tooltip says */
  text: string
  /** the trigger: one element that takes a ref and event handlers */
  children: ReactElement
  /** also give the text as the trigger's accessible description (when its name does not say it) */
  describe?: boolean
}

/**
 * A tooltip on pointer hover and keyboard focus. It is only seen: touch and screen reader users
 * must find the same words in the trigger's accessible name, its description (`describe`) or
 * visually hidden text beside it.
 */
export function Hint({ text, children, describe = false }: HintProps) {
  const inProvider = useContext(InProvider)
  // Typed as Radix types the trigger; with asChild it is whatever element the child is.
  const { triggerRef, open, onOpenChange, container } = usePopupRoot<HTMLButtonElement>()
  const hint = (
    <Tooltip.Root open={open} onOpenChange={onOpenChange}>
      <Tooltip.Trigger asChild ref={triggerRef} aria-description={describe ? text : undefined}>
        {children}
      </Tooltip.Trigger>
      <Tooltip.Portal container={container}>
        <Tooltip.Content className="sl-root sl-tooltip" side="top" sideOffset={4} collisionPadding={8}>
          {text}
          <Tooltip.Arrow className="sl-tooltip__arrow" width={10} height={5} />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  )
  return inProvider ? hint : <HintProvider>{hint}</HintProvider>
}
