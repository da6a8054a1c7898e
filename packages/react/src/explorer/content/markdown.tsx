import { memo, type ReactNode } from 'react'
import { SafeLink } from './safe-link'
import { TruncatedText } from './truncated-text'

/*
 * A deliberately small Markdown renderer for untrusted model output. It produces React elements
 * only (React escapes all text): raw HTML in the source stays text, links are kept only for http(s)
 * URLs, and images never load (a tracking pixel in a model answer must not fire in an admin tool).
 * Every scan is linear or bounded, so hostile input cannot make it hang.
 */

export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: MarkdownInline[] }
  | { type: 'link'; href: string; image: boolean; children: MarkdownInline[] }

export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'heading'; level: number; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  | { type: 'quote'; children: MarkdownBlock[] }
  | { type: 'list'; ordered: boolean; start: number; items: MarkdownInline[][] }
  | { type: 'rule' }

/** Past this, text is shown plain: parsing and laying out megabytes of markup helps nobody. */
export const MARKDOWN_MAX_LENGTH = 200_000
const MAX_NESTING = 8
const MAX_LINK_TEXT = 1000

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const BULLET = /^ {0,3}([-*+])[ \t]+(.*)$/
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/
const QUOTE = /^ {0,3}>[ ]?(.*)$/
const BLANK = /^[ \t]*$/

/** Splits Markdown into blocks; inline markup is parsed in each block. */
export function parseMarkdown(source: string, depth = 0): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const blocks: MarkdownBlock[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]!
    if (BLANK.test(line)) {
      i++
      continue
    }
    const fence = FENCE.exec(line)
    if (fence) {
      const marker = fence[1]!
      const body: string[] = []
      i++
      while (i < lines.length && !lines[i]!.trimStart().startsWith(marker)) body.push(lines[i++]!)
      i++ // the closing fence (or the end)
      blocks.push({ type: 'code', text: body.join('\n') })
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length, children: parseInline(heading[2] ?? '', depth) })
      i++
      continue
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' })
      i++
      continue
    }
    if (QUOTE.test(line)) {
      const body: string[] = []
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!)
      const inner = body.join('\n')
      blocks.push(
        depth < MAX_NESTING
          ? { type: 'quote', children: parseMarkdown(inner, depth + 1) }
          : { type: 'paragraph', children: [{ type: 'text', text: inner }] },
      )
      continue
    }
    const bullet = BULLET.exec(line)
    const ordered = bullet ? null : ORDERED.exec(line)
    if (bullet || ordered) {
      const pattern = bullet ? BULLET : ORDERED
      const items: string[] = []
      while (i < lines.length) {
        const next = lines[i]!
        const m = pattern.exec(next)
        if (m) items.push(m[2]!)
        else if (!BLANK.test(next) && /^[ \t]+/.test(next) && items.length) items[items.length - 1] += `\n${next.trim()}`
        else break
        i++
      }
      blocks.push({
        type: 'list',
        ordered: !bullet,
        start: ordered ? Number(ordered[1]) : 1,
        items: items.map((text) => parseInline(text, depth)),
      })
      continue
    }
    const para: string[] = []
    while (
      i < lines.length &&
      !BLANK.test(lines[i]!) &&
      !(para.length && (FENCE.test(lines[i]!) || HEADING.test(lines[i]!) || QUOTE.test(lines[i]!) || BULLET.test(lines[i]!)))
    )
      para.push(lines[i++]!)
    blocks.push({ type: 'paragraph', children: parseInline(para.join('\n'), depth) })
  }
  return blocks
}

const ESCAPABLE = new Set('\\`*_{}[]()#+-.!<>~|')
const URL_START = /^https?:\/\//i
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/
const WORD = /[\p{L}\p{N}]/u

/** Inline markup: code, emphasis, strikethrough, links, autolinks and backslash escapes. */
export function parseInline(text: string, depth = 0): MarkdownInline[] {
  const out: MarkdownInline[] = []
  let plain = ''
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain })
    plain = ''
  }
  // Delimiters known to have no closing match after some point: never searched for again.
  const unclosed = new Set<string>()
  const closing = (delimiter: string, from: number): number => {
    if (unclosed.has(delimiter)) return -1
    const at = text.indexOf(delimiter, from)
    if (at < 0) unclosed.add(delimiter)
    return at
  }

  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1]!)) {
      plain += text[i + 1]
      i += 2
      continue
    }
    if (ch === '`') {
      let n = 1
      while (text[i + n] === '`') n++
      const run = '`'.repeat(n)
      const end = closing(run, i + n)
      if (end > i + n) {
        flush()
        out.push({ type: 'code', text: text.slice(i + n, end) })
        i = end + n
      } else {
        plain += run
        i += n
      }
      continue
    }
    if (ch === '[' || (ch === '!' && text[i + 1] === '[')) {
      const image = ch === '!'
      const open = image ? i + 1 : i
      const close = text.indexOf(']', open + 1)
      if (close > open && close - open <= MAX_LINK_TEXT && text[close + 1] === '(') {
        const end = text.indexOf(')', close + 2)
        if (end > close + 1 && end - close <= 4000) {
          // split always gives at least one part
          const target = text
            .slice(close + 2, end)
            .trim()
            .split(/\s+/)[0]!
            .replace(/^<(.*)>$/, '$1')
          const label = text.slice(open + 1, close)
          flush()
          out.push({
            type: 'link',
            href: target,
            image,
            children: depth < MAX_NESTING ? parseInline(label, depth + 1) : [{ type: 'text', text: label }],
          })
          i = end + 1
          continue
        }
      }
      plain += ch
      i++
      continue
    }
    if (ch === '<' && URL_START.test(text.slice(i + 1, i + 9))) {
      const end = text.indexOf('>', i)
      const url = end > 0 ? text.slice(i + 1, end) : ''
      if (url && !/\s/.test(url)) {
        flush()
        out.push({ type: 'link', href: url, image: false, children: [{ type: 'text', text: url }] })
        i = end + 1
        continue
      }
    }
    if ((ch === 'h' || ch === 'H') && (i === 0 || !WORD.test(text[i - 1]!)) && URL_START.test(text.slice(i, i + 8))) {
      let end = i
      while (end < text.length && !/[\s<>]/.test(text[end]!)) end++
      const url = text.slice(i, end).replace(TRAILING_PUNCTUATION, '')
      if (url.length > 8) {
        flush()
        out.push({ type: 'link', href: url, image: false, children: [{ type: 'text', text: url }] })
        i += url.length
        continue
      }
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      const double = text[i + 1] === ch
      if (ch === '~' && !double) {
        plain += ch
        i++
        continue
      }
      const delimiter = double ? ch + ch : ch
      const start = i + delimiter.length
      // `snake_case_names` are not emphasis.
      const intraword = ch === '_' && i > 0 && WORD.test(text[i - 1]!)
      const end = intraword || /\s/.test(text[start] ?? ' ') ? -1 : closing(delimiter, start + 1)
      if (end > start && !/\s/.test(text[end - 1]!) && !(ch === '_' && WORD.test(text[end + delimiter.length] ?? ''))) {
        const inner = text.slice(start, end)
        flush()
        out.push({
          type: ch === '~' ? 'del' : double ? 'strong' : 'em',
          children: depth < MAX_NESTING ? parseInline(inner, depth + 1) : [{ type: 'text', text: inner }],
        })
        i = end + delimiter.length
        continue
      }
      plain += delimiter
      i += delimiter.length
      continue
    }
    plain += ch
    i++
  }
  flush()
  return out
}

function renderInline(nodes: MarkdownInline[]): ReactNode[] {
  return nodes.map((node, k) => {
    switch (node.type) {
      case 'text':
        return node.text
      case 'code':
        return <code key={k}>{node.text}</code>
      case 'strong':
        return <strong key={k}>{renderInline(node.children)}</strong>
      case 'em':
        return <em key={k}>{renderInline(node.children)}</em>
      case 'del':
        return <del key={k}>{renderInline(node.children)}</del>
      case 'link':
        return (
          <SafeLink key={k} href={node.href}>
            {node.image && <span className="sl-muted">Image: </span>}
            {renderInline(node.children)}
          </SafeLink>
        )
      default:
        return null
    }
  })
}

function renderBlocks(blocks: MarkdownBlock[]): ReactNode[] {
  return blocks.map((block, k) => {
    switch (block.type) {
      case 'paragraph':
        return <p key={k}>{renderInline(block.children)}</p>
      case 'heading':
        // Shown as strong paragraphs: headings in model output must not join the host page's outline.
        return (
          <p key={k} className="sl-md__heading" data-level={block.level}>
            <strong>{renderInline(block.children)}</strong>
          </p>
        )
      case 'code':
        return (
          <pre key={k} className="sl-md__code">
            <code>{block.text}</code>
          </pre>
        )
      case 'quote':
        return <blockquote key={k}>{renderBlocks(block.children)}</blockquote>
      case 'list': {
        const items = block.items.map((item, j) => <li key={j}>{renderInline(item)}</li>)
        return block.ordered ? (
          <ol key={k} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={k}>{items}</ul>
        )
      }
      case 'rule':
        return <hr key={k} />
      default:
        return null
    }
  })
}

export interface MarkdownProps {
  /** untrusted Markdown text */
  text: string
  className?: string | undefined
}

/** Renders untrusted Markdown safely; very long text is shown plain. */
export const Markdown = memo(function Markdown({ text, className }: MarkdownProps) {
  if (text.length > MARKDOWN_MAX_LENGTH)
    return (
      <div className={className ? `sl-md sl-md--plain ${className}` : 'sl-md sl-md--plain'}>
        <TruncatedText text={text} />
      </div>
    )
  return <div className={className ? `sl-md ${className}` : 'sl-md'}>{renderBlocks(parseMarkdown(text))}</div>
})
