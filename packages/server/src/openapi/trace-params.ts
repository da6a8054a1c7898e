import { MAX_REPEATED_FILTERS } from '@sightline/core'
import type { ParamDoc } from './describe'

/** The trace-list parameters that are patterns, not names (trace list, metrics). */
export const TRACE_LIST_PATTERNS: ParamDoc[] = [
  {
    name: 'metadata.<key>',
    description: `traces whose metadata value at \`<key>\` equals the value, compared as text (\`metadata.plan=pro\`); at most ${MAX_REPEATED_FILTERS}, all must match. Keys with quotes, backslashes or control characters are refused.`,
  },
  {
    name: 'score.<name>',
    description: `traces with a score named \`<name>\`: an exact value (\`score.helpful=true\`, \`score.quality=4\`, \`score.label=spam\`) or a range \`min..max\` (either end may be left out: \`score.quality=3..\`); at most ${MAX_REPEATED_FILTERS}. \`source\` says which score sources count.`,
  },
  { name: 'tag', description: 'repeat it or give a comma list; all must match' },
  { name: 'from', description: 'ISO-8601 time or epoch milliseconds' },
  { name: 'to', description: 'ISO-8601 time or epoch milliseconds' },
  {
    name: 'source',
    description: 'a comma list of feedback, human, api, eval: the score sources `score.<name>` and `feedback` count (default: all)',
  },
  { name: 'q', description: 'substring search over name, input and output' },
  { name: 'model', description: 'a span of the trace used this model' },
  { name: 'sort', description: 'a field, `-` first for descending (default `-startTime`)' },
  { name: 'cursor', description: 'the `nextCursor` of the previous page' },
]
