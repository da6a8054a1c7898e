import type { JsonValue } from '@sightline/core'
import { memo, useState } from 'react'
import { formatCount } from '../../format/format'
import { cx } from '../../utils/cx'
import { TruncatedText } from './truncated-text'

/** Children rendered per "Show more": a 100,000-item array must not become 100,000 elements. */
const CHILDREN_STEP = 100
const STRING_LIMIT = 300

export interface JsonViewerProps {
  value: JsonValue | undefined
  /** accessible name of the viewer, e.g. "Input" */
  label: string
  /** levels open at first; deeper levels render nothing until opened */
  defaultExpandDepth?: number | undefined
  className?: string | undefined
}

type Container = JsonValue[] | { [key: string]: JsonValue }

const isContainer = (v: JsonValue | undefined): v is Container => typeof v === 'object' && v !== null

function childCount(v: Container): number {
  return Array.isArray(v) ? v.length : Object.keys(v).length
}

/**
 * A collapsible view of a JSON value that stays fast on multi-megabyte payloads: children exist only
 * once their parent is opened, long lists come a hundred at a time, long strings are cut.
 * Keys and values are always rendered as text.
 */
export function JsonViewer({ value, label, defaultExpandDepth = 1, className }: JsonViewerProps) {
  return (
    <div className={cx('sl-json', className)} role="group" aria-label={label}>
      <JsonNode name={null} label={label} value={value === undefined ? null : value} depth={0} openDepth={defaultExpandDepth} />
    </div>
  )
}

interface JsonNodeProps {
  name: string | null
  /** the root's toggle is named after the viewer */
  label?: string
  value: JsonValue
  depth: number
  openDepth: number
}

const JsonNode = memo(function JsonNode({ name, label, value, depth, openDepth }: JsonNodeProps) {
  const [open, setOpen] = useState(depth < openDepth)
  const [shown, setShown] = useState(CHILDREN_STEP)
  const key = name !== null && (
    <>
      <span className="sl-json__key">{name}</span>
      <span className="sl-json__colon">: </span>
    </>
  )
  if (!isContainer(value))
    return (
      <div className="sl-json__row">
        {key}
        <JsonPrimitive value={value} />
      </div>
    )

  const array = Array.isArray(value)
  const count = childCount(value)
  const brackets = array ? ['[', ']'] : ['{', '}']
  if (count === 0)
    return (
      <div className="sl-json__row">
        {key}
        <span className="sl-json__punct">{brackets.join('')}</span>
      </div>
    )

  const summary = `${brackets[0]}${open ? '' : ` ${formatCount(count)} ${array ? (count === 1 ? 'item' : 'items') : count === 1 ? 'key' : 'keys'} ${brackets[1]}`}`
  const entries = open
    ? Array.isArray(value)
      ? value.slice(0, shown).map((v, i) => [String(i), v] as const)
      : Object.keys(value)
          .slice(0, shown)
          .map((k) => [k, value[k] as JsonValue] as const) // one of its own keys: never undefined
    : []
  const rest = count - shown
  return (
    <div className="sl-json__row sl-json__row--container" data-state={open ? 'open' : 'closed'}>
      <button type="button" className="sl-json__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="sl-json__chevron" aria-hidden="true" />
        {label && <span className="sl-visually-hidden">{label} </span>}
        {key}
        <span className="sl-json__punct">{summary}</span>
      </button>
      {open && (
        <>
          <ul className="sl-json__children">
            {entries.map(([k, v]) => (
              <li key={k}>
                <JsonNode name={k} value={v} depth={depth + 1} openDepth={openDepth} />
              </li>
            ))}
          </ul>
          {rest > 0 && (
            <button type="button" className="sl-link-button sl-json__more" onClick={() => setShown(shown + CHILDREN_STEP)}>
              Show {formatCount(Math.min(rest, CHILDREN_STEP))} more of {formatCount(rest)}
            </button>
          )}
          <span className="sl-json__punct">{brackets[1]}</span>
        </>
      )}
    </div>
  )
})

function JsonPrimitive({ value }: { value: string | number | boolean | null }) {
  if (typeof value === 'string')
    return (
      <span className="sl-json__value" data-type="string">
        "<TruncatedText text={value} limit={STRING_LIMIT} />"
      </span>
    )
  return (
    <span className="sl-json__value" data-type={value === null ? 'null' : typeof value}>
      {String(value)}
    </span>
  )
}
