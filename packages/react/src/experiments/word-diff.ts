/** A run of text that both sides share, or that only one side has. */
export interface DiffPart {
  type: 'same' | 'removed' | 'added'
  text: string
}

/** Above this many token pairs the LCS table is too big to build: the middle is shown as one change. */
const MAX_CELLS = 4_000_000

/** Words, each with the whitespace after it, so joining the tokens gives the text back. */
const tokenize = (text: string) => text.match(/\s+|\S+\s*/g) ?? []
/** Words compare without their whitespace: "link." at the end matches "link. " in the middle. */
const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.trimEnd() === b.trimEnd()

function push(parts: DiffPart[], type: DiffPart['type'], text: string) {
  const last = parts[parts.length - 1]
  if (last && last.type === type) last.text += text
  else parts.push({ type, text })
}

/**
 * A word diff of `before` and `after` by the longest common subsequence of their words: the parts
 * in reading order; `removed` parts are only in `before`, `added` only in `after`. Joining the same
 * and removed parts gives `before`; the same and added parts give `after` up to the whitespace
 * after a shared word (same parts keep `before`'s).
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before)
  const b = tokenize(after)
  // A shared start and end need no table.
  let start = 0
  while (start < a.length && start < b.length && same(a[start], b[start])) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && same(a[endA - 1], b[endB - 1])) {
    endA--
    endB--
  }
  const parts: DiffPart[] = []
  if (start > 0) push(parts, 'same', a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  const n = midA.length
  const m = midB.length
  if (n * m > MAX_CELLS) {
    push(parts, 'removed', midA.join(''))
    push(parts, 'added', midB.join(''))
  } else if (n === 0 || m === 0) {
    if (n) push(parts, 'removed', midA.join(''))
    if (m) push(parts, 'added', midB.join(''))
  } else {
    // lcs[i * (m + 1) + j]: the LCS length of midA[i..] and midB[j..].
    const lcs = new Uint32Array((n + 1) * (m + 1))
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * (m + 1) + j] = same(midA[i], midB[j])
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!)
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (same(midA[i], midB[j])) {
        push(parts, 'same', midA[i]!)
        i++
        j++
      } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!) push(parts, 'removed', midA[i++]!)
      else push(parts, 'added', midB[j++]!)
    }
    while (i < n) push(parts, 'removed', midA[i++]!)
    while (j < m) push(parts, 'added', midB[j++]!)
  }
  if (endA < a.length) push(parts, 'same', a.slice(endA).join(''))
  return parts
}
