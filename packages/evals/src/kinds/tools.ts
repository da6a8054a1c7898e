import { type JsonValue, maybeParseJson, readChatMessages, type Span } from '@sightline/core'
import { z } from 'zod'
import type { EvalSubject } from '../types'
import { EvalSkip } from '../types'
import { compileSchema, describeErrors, schemaProblem } from './json-schema-check'
import { bool, defineKind } from './shared'

type Obj = { [key: string]: JsonValue }
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A tool span's tool name: the OTel attribute, the AI SDK's, or the span's name. */
function toolName(span: Span): string {
  const a = span.attributes ?? {}
  const n = a['gen_ai.tool.name'] ?? a['ai.toolCall.name'] ?? a['tool.name']
  return typeof n === 'string' && n ? n : span.name
}

// ---- tool-error ------------------------------------------------------------------------

export const toolError = defineKind({
  kind: 'tool-error',
  label: 'Tool error',
  description:
    'True when a tool call in the trace failed (a tool span with status error); the comment names the failed tools. Skipped when the trace called no tool.',
  dataType: 'boolean',
  config: z.object({
    tools: z.array(z.string().min(1), { error: 'tools must be a list of tool names' }).default([]),
  }),
  fields: [
    {
      name: 'tools',
      type: 'string-list',
      label: 'Only these tools',
      description: 'Tool names to watch; all when empty.',
      required: false,
      default: [],
    },
  ],
  evaluate(subject, c) {
    const only = new Set(c.tools)
    const spans = subject.spans.filter((s) => s.type === 'tool' && (!only.size || only.has(toolName(s))))
    if (!spans.length) throw new EvalSkip(only.size ? `no call of ${c.tools.join(', ')} in this trace` : 'no tool calls in this trace')
    const failed = new Map<string, number>()
    for (const s of spans) if (s.status === 'error') failed.set(toolName(s), (failed.get(toolName(s)) ?? 0) + 1)
    if (!failed.size) return bool(false, `${spans.length} tool ${spans.length === 1 ? 'call' : 'calls'}, none failed`)
    const n = [...failed.values()].reduce((a, b) => a + b, 0)
    return bool(
      true,
      `${n} of ${spans.length} tool calls failed: ${[...failed].map(([name, k]) => (k > 1 ? `${name} ×${k}` : name)).join(', ')}`,
    )
  },
})

// ---- tool-call-valid -------------------------------------------------------------------

export interface ToolDefinition {
  name: string
  /** JSON Schema of the arguments; null when the definition has none */
  schema: JsonValue | null
}

/**
 * A definition in any known shape: OpenAI `{ type: 'function', function: { name, parameters } }`,
 * plain `{ name, parameters }`, Anthropic `{ name, input_schema }`, AI SDK `{ name, inputSchema }`,
 * OpenInference `{ json_schema }` wrappers, or JSON text of any of them.
 */
function definitionOf(raw: unknown): ToolDefinition | null {
  let d = maybeParseJson(raw as JsonValue)
  if (!isObj(d)) return null
  if (isObj(d.tool)) d = d.tool
  if ('json_schema' in d) d = maybeParseJson(d.json_schema!)
  if (!isObj(d)) return null
  const fn = isObj(d.function) ? d.function : d
  if (typeof fn.name !== 'string' || !fn.name) return null
  let schema = fn.parameters ?? fn.input_schema ?? fn.inputSchema ?? fn.schema ?? null
  schema = maybeParseJson(schema)
  if (isObj(schema) && isObj(schema.jsonSchema)) schema = schema.jsonSchema // AI SDK's jsonSchema() wrapper
  return { name: fn.name, schema }
}

const asList = (v: unknown): unknown[] => {
  const p = maybeParseJson(v as JsonValue)
  if (Array.isArray(p)) return p
  if (isObj(p) && Object.keys(p).every((k) => /^\d+$/.test(k))) return Object.values(p)
  return []
}

/**
 * The tools a generation span declared, wherever the SDK put them: model parameters, the
 * request kept as input (`{ messages, tools }`), or attributes (OpenInference
 * `llm.invocation_parameters` and `llm.tools.N.tool.json_schema`, OTel `gen_ai.tool.definitions`,
 * the AI SDK's `ai.prompt.tools`).
 */
export function declaredTools(span: Span): ToolDefinition[] {
  const raw: unknown[] = []
  const mp = span.modelParameters ?? {}
  raw.push(...asList(mp.tools), ...asList(mp.functions))
  if (isObj(span.input)) raw.push(...asList(span.input.tools), ...asList(span.input.functions))
  const a = span.attributes ?? {}
  const invocation = maybeParseJson(a['llm.invocation_parameters'] ?? null)
  if (isObj(invocation)) raw.push(...asList(invocation.tools), ...asList(invocation.functions))
  for (const key of ['tools', 'gen_ai.tool.definitions', 'gen_ai.request.tools', 'ai.prompt.tools', 'llm.tools'])
    raw.push(...asList(a[key]))
  for (const [key, v] of Object.entries(a)) if (/^llm\.tools\.\d+\.tool\.json_schema$/.test(key)) raw.push(v)
  const byName = new Map<string, ToolDefinition>()
  for (const r of raw) {
    const d = definitionOf(r)
    if (d && !byName.has(d.name)) byName.set(d.name, d)
  }
  return [...byName.values()]
}

interface Call {
  name: string
  arguments: JsonValue | undefined
  /** the tools in force where the call was made */
  declared: ToolDefinition[]
  /** read from a tool span, whose input may be plain text (LangChain's single-string tools) */
  fromSpan?: boolean
}

/**
 * The calls to check: those the model asked for in its output messages (of the span scored, or
 * of every generation in the trace, or of the output itself when there are no spans); failing
 * any, the trace's tool spans with their input as arguments.
 */
export function toolCallsOf(subject: EvalSubject): Call[] {
  const gens = subject.span ? [subject.span] : subject.spans.filter((s) => s.type === 'generation')
  const calls: Call[] = []
  const fromMessages = (output: JsonValue | null, declared: ToolDefinition[]) => {
    for (const m of readChatMessages(output) ?? [])
      for (const c of m.toolCalls ?? []) calls.push({ name: c.name, arguments: c.arguments, declared })
  }
  if (gens.length) for (const g of gens) fromMessages(g.output, declaredTools(g))
  else fromMessages(subject.output, [])
  if (calls.length) return calls
  const declared = new Map<string, ToolDefinition>()
  for (const g of subject.spans)
    if (g.type === 'generation') for (const d of declaredTools(g)) if (!declared.has(d.name)) declared.set(d.name, d)
  for (const s of subject.spans)
    if (s.type === 'tool')
      calls.push({
        name: toolName(s),
        arguments: s.input === null ? undefined : maybeParseJson(s.input),
        declared: [...declared.values()],
        fromSpan: true,
      })
  return calls
}

const toolsOverride = z
  .array(
    z.custom<JsonValue>((v) => v !== undefined),
    { error: 'tools must be a list of tool definitions' },
  )
  .superRefine((list, ctx) => {
    list.forEach((raw, i) => {
      const d = definitionOf(raw)
      if (!d) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: 'each tool needs a name: { "name", "parameters" } or { "type": "function", "function": { "name", "parameters" } }',
        })
        return
      }
      const problem = d.schema == null ? null : schemaProblem(d.schema)
      if (problem) ctx.addIssue({ code: 'custom', path: [i], message: `tool ${d.name}: parameters is not a valid JSON Schema: ${problem}` })
    })
  })
  .transform((list) => list.map(definitionOf).filter((d): d is ToolDefinition => d !== null))

export const toolCallValid = defineKind({
  kind: 'tool-call-valid',
  label: 'Valid tool calls',
  description:
    "True when every tool call the model made names a declared tool and its arguments are a JSON object that fits that tool's parameter schema. Tools are read from the generation span (or from the tools given here). Skipped when there are no tool calls.",
  dataType: 'boolean',
  config: z.object({ tools: toolsOverride.optional() }),
  fields: [
    {
      name: 'tools',
      type: 'json',
      label: 'Tool definitions',
      description:
        'Optional: the tools to check against instead of those the trace declares, as the OpenAI API takes them: [{ "type": "function", "function": { "name", "parameters" } }].',
      required: false,
    },
  ],
  evaluate(subject, c) {
    const calls = toolCallsOf(subject)
    if (!calls.length) throw new EvalSkip('no tool calls to check')
    const problems: string[] = []
    let unchecked = 0
    for (const call of calls) {
      const declared = c.tools ?? call.declared
      const args = call.arguments === undefined ? {} : call.arguments
      if (typeof args === 'string') {
        // a tool span's plain-text input was never meant as JSON: nothing to check it against
        if (call.fromSpan && !/^\s*[[{]/.test(args) && !declared.some((d) => d.name === call.name && d.schema != null)) {
          unchecked++
          continue
        }
        problems.push(`${call.name}: arguments are not valid JSON`)
        continue
      }
      if (!isObj(args)) {
        problems.push(`${call.name}: arguments must be a JSON object`)
        continue
      }
      if (!declared.length) {
        unchecked++
        continue
      }
      const def = declared.find((d) => d.name === call.name)
      if (!def) {
        problems.push(`${call.name}: not a declared tool`)
        continue
      }
      if (def.schema == null || schemaProblem(def.schema)) {
        unchecked++
        continue
      }
      const validate = compileSchema(def.schema)
      if (!validate(args)) problems.push(`${call.name}: ${describeErrors(validate.errors, 2)}`)
    }
    const n = calls.length
    const note = unchecked ? `; ${unchecked} without a declared schema, checked as JSON only` : ''
    if (!problems.length) return bool(true, `${n} tool ${n === 1 ? 'call' : 'calls'} valid${note}`)
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '')
    return bool(false, `${problems.length} of ${n} tool calls invalid: ${shown}${note}`)
  },
})
