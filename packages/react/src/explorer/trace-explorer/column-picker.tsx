import { DropdownMenu } from 'radix-ui'
import type { ComponentPropsWithoutRef } from 'react'
import { cx } from '../../utils/cx'
import { usePopupRoot } from '../../utils/use-popup-root'
import { COLUMN_DEFS, TRACE_TABLE_COLUMNS, type TraceTableColumn } from '../trace-table/columns'

export interface ColumnPickerProps extends Omit<ComponentPropsWithoutRef<'button'>, 'value' | 'defaultValue' | 'onChange' | 'children'> {
  /** the shown columns, in order */
  value: readonly TraceTableColumn[]
  onValueChange: (columns: readonly TraceTableColumn[]) => void
  /** the columns offered; every column by default */
  options?: readonly TraceTableColumn[] | undefined
}

/**
 * "Columns": a menu of checkboxes (Radix DropdownMenu) choosing the trace table's columns. Order
 * follows `options`; the name column, each row's header, cannot be hidden.
 */
export function ColumnPicker({ value, onValueChange, options = TRACE_TABLE_COLUMNS, className, ...triggerProps }: ColumnPickerProps) {
  const { triggerRef, open, onOpenChange, container } = usePopupRoot<HTMLButtonElement>()
  const shown = new Set(value)
  const toggle = (column: TraceTableColumn, on: boolean) => {
    const next = new Set(shown)
    if (on) next.add(column)
    else next.delete(column)
    // Options' order first, then any shown column the options leave out.
    onValueChange([...options.filter((c) => next.has(c)), ...value.filter((c) => !options.includes(c) && next.has(c))])
  }
  return (
    <DropdownMenu.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <DropdownMenu.Trigger {...triggerProps} ref={triggerRef} className={cx('sl-button sl-column-picker', className)}>
        Columns <span className="sl-muted">({value.length})</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal container={container}>
        <DropdownMenu.Content className="sl-root sl-column-picker__content" align="end" sideOffset={4} collisionPadding={8}>
          {options.map((column) => (
            <DropdownMenu.CheckboxItem
              key={column}
              className="sl-column-picker__item"
              checked={shown.has(column)}
              disabled={column === 'name'}
              // Stays open: several columns are usually changed at once.
              onSelect={(event) => event.preventDefault()}
              onCheckedChange={(on) => toggle(column, on === true)}
            >
              <span className="sl-column-picker__check" aria-hidden="true">
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {COLUMN_DEFS[column].title}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
