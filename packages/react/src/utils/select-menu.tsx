import { Select } from 'radix-ui'
import type { ComponentPropsWithoutRef } from 'react'
import { cx } from './cx'
import { usePopupRoot } from './use-popup-root'

/** Radix Select items cannot carry "": the option meaning "none" or "any" travels as this instead. */
const EMPTY = '__none__'
const toItem = (value: string) => (value === '' ? EMPTY : value)
const fromItem = (value: string) => (value === EMPTY ? '' : value)

export interface SelectMenuOption {
  /** "" for the option that means none or any */
  value: string
  label: string
}

export interface SelectMenuProps extends Omit<ComponentPropsWithoutRef<'button'>, 'value' | 'defaultValue' | 'onChange' | 'children'> {
  value: string
  onValueChange: (value: string) => void
  options: readonly SelectMenuOption[]
}

/**
 * A select as a button and a listbox (Radix Select): keyboard, typeahead, dismissal and focus
 * return come from the library. The trigger takes the props, so a `<label htmlFor>` names it.
 */
export function SelectMenu({ value, onValueChange, options, className, ...triggerProps }: SelectMenuProps) {
  const { triggerRef, open, onOpenChange, container } = usePopupRoot<HTMLButtonElement>()
  return (
    <Select.Root value={toItem(value)} onValueChange={(next) => onValueChange(fromItem(next))} open={open} onOpenChange={onOpenChange}>
      <Select.Trigger {...triggerProps} ref={triggerRef} className={cx('sl-select', className)}>
        <Select.Value />
        <Select.Icon className="sl-select__icon" />
      </Select.Trigger>
      <Select.Portal container={container}>
        <Select.Content
          className="sl-root sl-select__content"
          position="popper"
          side="bottom"
          align="start"
          sideOffset={4}
          collisionPadding={8}
        >
          <Select.Viewport className="sl-select__viewport">
            {options.map((option) => (
              <Select.Item key={option.value} value={toItem(option.value)} className="sl-select__item">
                <Select.ItemText>{option.label}</Select.ItemText>
                <Select.ItemIndicator className="sl-select__check" aria-hidden="true">
                  ✓
                </Select.ItemIndicator>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  )
}
