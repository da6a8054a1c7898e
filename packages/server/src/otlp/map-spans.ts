import {
  type ChatMessage,
  type JsonValue,
  maybeParseJson,
  normalizeChatMessages,
  type SpanInput,
  type SpanType,
  type TraceInput,
} from '@sightline/core'
import type { AttrValue, Attrs, OtlpBatch, OtlpSpan } from './otlp-types'
import { computeCost, roundCost } from './pricing'
import { isObj, UNSAFE_KEYS, unflatten } from './unflatten'

type Obj = Record<string, unknown>
const present = (v: AttrValue | undefined): v is Exclude<AttrValue, null> => v !== undefined && v !== null && v !== ''

/** The first attribute present among `keys`, in priority order. */
export function first(attrs: Attrs, keys: readonly string[]): Exclude<AttrValue, null> | undefined {
  for (const k of keys) if (present(attrs[k])) return attrs[k] as Exclude<AttrValue, null>
  return undefined
}
const str = (v: AttrValue | undefined) => (present(v) ? (typeof v === 'string' ? v : JSON.stringify(v)) : undefined)
const num = (v: AttrValue | undefined) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN
  return Number.isFinite(n) ? n : undefined
}
const firstNum = (attrs: Attrs, keys: readonly string[]) => {
  for (const k of keys) {
    const n = num(attrs[k])
    if (n !== undefined) return n
  }
  return undefined
}

// ---- span type -------------------------------------------------------------------------------

const OPENINFERENCE_KINDS: Record<string, SpanType> = {
  LLM: 'generation',
  EMBEDDING: 'embedding',
  AGENT: 'agent',
  TOOL: 'tool',
  CHAIN: 'chain',
  RETRIEVER: 'retriever',
  RERANKER: 'retriever',
  GUARDRAIL: 'guardrail',
  EVALUATOR: 'evaluator',
  PROMPT: 'span',
}
const GENAI_OPERATIONS: Record<string, SpanType> = {
  chat: 'generation',
  text_completion: 'generation',
  completion: 'generation',
  generate_content: 'generation',
  generate: 'generation',
  embeddings: 'embedding',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  create_agent: 'agent',
  agent_step: 'agent',
  invoke_workflow: 'chain',
  retrieval: 'retriever',
  search_memory: 'retriever',
}
const TRACELOOP_KINDS: Record<string, SpanType> = { workflow: 'chain', task: 'span', agent: 'agent', tool: 'tool' }
const LLM_REQUEST_TYPES: Record<string, SpanType> = { chat: 'generation', completion: 'generation', embedding: 'embedding' }
const AI_SDK_OPERATIONS: Record<string, SpanType> = {
  'ai.generateText.doGenerate': 'generation',
  'ai.streamText.doStream': 'generation',
  'ai.generateObject.doGenerate': 'generation',
  'ai.streamObject.doStream': 'generation',
  'ai.embed.doEmbed': 'embedding',
  'ai.embedMany.doEmbed': 'embedding',
  'ai.toolCall': 'tool',
  // The wrappers repeat their doGenerate children's usage: never count them as generations.
  'ai.generateText': 'chain',
  'ai.streamText': 'chain',
  'ai.generateObject': 'chain',
  'ai.streamObject': 'chain',
  'ai.embed': 'chain',
  'ai.embedMany': 'chain',
}
const LANGFUSE_TYPES = new Set<string>([
  'span',
  'generation',
  'event',
  'embedding',
  'agent',
  'tool',
  'chain',
  'retriever',
  'guardrail',
  'evaluator',
])

const MODEL_KEYS = [
  'langfuse.observation.model.name',
  'gen_ai.response.model',
  'llm.response.model_name',
  'llm.model_name',
  'ai.response.model',
  'ai.model.id',
  'gen_ai.request.model',
  'llm.request.model_name',
  'embedding.model_name',
  'model',
]

/** First matching convention wins; a span with a model and nothing else is a generation. */
export function spanType(a: Attrs): SpanType {
  const lf = str(a['langfuse.observation.type'])?.toLowerCase()
  if (lf && LANGFUSE_TYPES.has(lf)) return lf as SpanType
  const oi = str(a['openinference.span.kind'])?.toUpperCase()
  if (oi && OPENINFERENCE_KINDS[oi]) return OPENINFERENCE_KINDS[oi]
  const op = str(a['gen_ai.operation.name'])
  if (op && GENAI_OPERATIONS[op]) return GENAI_OPERATIONS[op]
  const tl = str(a['traceloop.span.kind'])
  if (tl && TRACELOOP_KINDS[tl]) return TRACELOOP_KINDS[tl]
  const rt = str(a['llm.request.type'])
  if (rt && LLM_REQUEST_TYPES[rt]) return LLM_REQUEST_TYPES[rt]
  const ai = str(a['ai.operationId'])
  if (ai && AI_SDK_OPERATIONS[ai]) return AI_SDK_OPERATIONS[ai]
  if (present(a['gen_ai.tool.name']) || present(a['gen_ai.tool.call.id'])) return 'tool'
  if (first(a, MODEL_KEYS) !== undefined) return 'generation'
  return 'span'
}

// ---- model, provider, parameters ------------------------------------------------------------

const PROVIDER_ALIASES: Record<string, string> = { 'az.ai.openai': 'azure.ai.openai', vertex_ai: 'gcp.vertex_ai', gemini: 'gcp.gemini' }

/** Provider names that carry a dot in the semantic conventions; others lose a `.chat`-like suffix. */
const DOTTED_PROVIDER = /^(azure|gcp|aws|ibm)\./

/** LangChain's `ls_provider` names, where they differ from the semantic conventions'. */
const LANGCHAIN_PROVIDERS: Record<string, string> = {
  azure: 'azure.ai.openai',
  google_vertexai: 'gcp.vertex_ai',
  google_genai: 'gcp.gemini',
  amazon_bedrock: 'aws.bedrock',
  bedrock: 'aws.bedrock',
  mistral: 'mistral_ai',
}

/** OpenInference's `metadata` attribute: a JSON object as a string. */
const oiMetadata = (a: Attrs): Obj => {
  const m = maybeParseJson(a.metadata)
  return isObj(m) ? m : {}
}

export function provider(a: Attrs): string | undefined {
  const p = str(first(a, ['gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system']))
  if (p) return PROVIDER_ALIASES[p] ?? (DOTTED_PROVIDER.test(p) ? p : p.split('.')[0])
  const ai = str(a['ai.model.provider'])
  if (ai) return ai.split('.')[0]
  // LangChain (through OpenInference) names it only in the run's metadata.
  const ls = oiMetadata(a).ls_provider
  return typeof ls === 'string' && ls ? (LANGCHAIN_PROVIDERS[ls] ?? ls) : undefined
}

/** Invocation parameters that are not sampling settings: the model is a field, tools are definitions. */
const NOT_PARAMETERS = ['model', 'tools', 'functions', 'stream_options']

export function modelParameters(a: Attrs): Record<string, JsonValue> | undefined {
  const out: Record<string, JsonValue> = {}
  const invocation = maybeParseJson(a['llm.invocation_parameters'])
  if (isObj(invocation)) for (const [k, v] of Object.entries(invocation)) if (!NOT_PARAMETERS.includes(k)) out[k] = v as JsonValue
  const lfParams = maybeParseJson(a['langfuse.observation.model.parameters'])
  if (lfParams && typeof lfParams === 'object' && !Array.isArray(lfParams)) Object.assign(out, lfParams)
  const set = (key: string, keys: string[]) => {
    const v = first(a, keys)
    if (v !== undefined) out[key] = v as JsonValue
  }
  set('temperature', ['gen_ai.request.temperature', 'ai.settings.temperature'])
  set('maxTokens', ['gen_ai.request.max_tokens', 'ai.settings.maxOutputTokens', 'ai.settings.maxTokens'])
  set('topP', ['gen_ai.request.top_p', 'ai.settings.topP'])
  set('topK', ['gen_ai.request.top_k', 'llm.top_k', 'ai.settings.topK'])
  for (const k of ['frequency_penalty', 'presence_penalty', 'stop_sequences', 'seed', 'choice.count', 'stream'])
    set(
      k.replace(/[._](\w)/g, (_, c: string) => c.toUpperCase()),
      [`gen_ai.request.${k}`],
    )
  set('outputType', ['gen_ai.output.type'])
  set('serviceTier', ['openai.request.service_tier', 'gen_ai.openai.request.service_tier'])
  return Object.keys(out).length ? out : undefined
}

// ---- usage and cost -------------------------------------------------------------------------

const providerMeta = (a: Attrs) => {
  const m = maybeParseJson(a['ai.response.providerMetadata'])
  return (m && typeof m === 'object' && !Array.isArray(m) ? m : {}) as Record<string, Record<string, unknown> | undefined>
}

export function usage(a: Attrs): SpanInput['usage'] {
  const lf = maybeParseJson(a['langfuse.observation.usage_details']) as Record<string, unknown> | undefined
  const lfNum = (k: string) => (lf && typeof lf === 'object' ? num(lf[k] as AttrValue) : undefined)
  const meta = providerMeta(a)
  const anthropicUsage = (meta.anthropic?.usage ?? {}) as Record<string, AttrValue>
  let input = firstNum(a, [
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.prompt_tokens',
    'llm.token_count.prompt',
    'ai.usage.inputTokens',
    'ai.usage.promptTokens',
  ])
  const output =
    firstNum(a, [
      'gen_ai.usage.output_tokens',
      'gen_ai.usage.completion_tokens',
      'llm.token_count.completion',
      'ai.usage.outputTokens',
      'ai.usage.completionTokens',
    ]) ?? lfNum('output')
  const cacheRead =
    firstNum(a, [
      'gen_ai.usage.cache_read.input_tokens',
      'gen_ai.usage.cache_read_input_tokens',
      'llm.token_count.prompt_details.cache_read',
      'ai.usage.inputTokenDetails.cacheReadTokens',
      'ai.usage.cachedInputTokens',
    ]) ??
    num(anthropicUsage.cache_read_input_tokens) ??
    num(meta.openai?.cachedPromptTokens as AttrValue) ??
    num((meta.bedrock?.usage as Record<string, AttrValue> | undefined)?.cacheReadInputTokens)
  const cacheWrite =
    firstNum(a, [
      'gen_ai.usage.cache_write.input_tokens',
      'gen_ai.usage.cache_creation.input_tokens',
      'gen_ai.usage.cache_creation_input_tokens',
      'llm.token_count.prompt_details.cache_write',
      'ai.usage.inputTokenDetails.cacheWriteTokens',
    ]) ?? num(anthropicUsage.cache_creation_input_tokens)
  const reasoning = firstNum(a, [
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.usage.reasoning_tokens',
    'llm.token_count.completion_details.reasoning',
    'ai.usage.outputTokenDetails.reasoningTokens',
    'ai.usage.reasoningTokens',
  ])
  if (input === undefined && lfNum('input') !== undefined) input = lfNum('input')! + (cacheRead ?? 0) + (cacheWrite ?? 0) // Langfuse input excludes cache
  // Input counts cache tokens (OTel). Cache above input means a provider that counts them apart.
  if (input !== undefined && (cacheRead ?? 0) + (cacheWrite ?? 0) > input) input += (cacheRead ?? 0) + (cacheWrite ?? 0)
  const total =
    firstNum(a, [
      'gen_ai.usage.total_tokens',
      'llm.usage.total_tokens',
      'llm.token_count.total',
      'ai.usage.totalTokens',
      'ai.usage.tokens',
    ]) ?? lfNum('total')
  if ([input, output, total, cacheRead, cacheWrite, reasoning].every((v) => v === undefined)) return undefined
  return {
    ...(input !== undefined && { input }),
    ...(output !== undefined && { output }),
    ...(total !== undefined ? { total } : input !== undefined || output !== undefined ? { total: (input ?? 0) + (output ?? 0) } : {}),
    ...(cacheRead !== undefined && { cacheRead }),
    ...(cacheWrite !== undefined && { cacheWrite }),
    ...(reasoning !== undefined && { reasoning }),
  }
}

export function providedCost(a: Attrs): SpanInput['cost'] {
  const lf = maybeParseJson(a['langfuse.observation.cost_details']) as Record<string, AttrValue> | undefined
  const lfNum = (k: string) => (lf && typeof lf === 'object' ? num(lf[k]) : undefined)
  const total = lfNum('total') ?? firstNum(a, ['gen_ai.usage.cost', 'llm.cost.total'])
  const input = lfNum('input') ?? num(a['llm.cost.prompt'])
  const output = lfNum('output') ?? num(a['llm.cost.completion'])
  if (total === undefined && input === undefined && output === undefined) return undefined
  return {
    ...(input !== undefined && { input }),
    ...(output !== undefined && { output }),
    ...(total !== undefined && { total }),
    source: 'provided',
  }
}

/** Sums of prices print float noise (0.000042000000000000004): every part is rounded, the total included. */
function roundedCost({ input, output, total, source }: NonNullable<SpanInput['cost']>): NonNullable<SpanInput['cost']> {
  const sum = total ?? (input !== undefined || output !== undefined ? (input ?? 0) + (output ?? 0) : undefined)
  return {
    ...(input !== undefined && { input: roundCost(input) }),
    ...(output !== undefined && { output: roundCost(output) }),
    ...(sum !== undefined && { total: roundCost(sum) }),
    source,
  }
}

// ---- content --------------------------------------------------------------------------------

const eventAttr = (s: OtlpSpan, names: string[], key: string) => {
  for (const e of s.events) if (names.includes(e.name) && present(e.attributes[key])) return e.attributes[key]
  return undefined
}

function withSystem(a: Attrs, messages: ChatMessage[] | undefined) {
  const system = maybeParseJson(a['gen_ai.system_instructions'])
  if (!messages || system === undefined || system === null) return messages
  // One message in, one message out.
  const content = Array.isArray(system) ? normalizeChatMessages([{ role: 'system', parts: system }])![0]!.content : String(system)
  return [{ role: 'system', content }, ...messages]
}

const ROLE_EVENTS = ['gen_ai.system.message', 'gen_ai.user.message', 'gen_ai.assistant.message', 'gen_ai.tool.message']

/** Input: the first source present, in the order of the mapping table. */
export function spanInput(s: OtlpSpan, type: SpanType): JsonValue | undefined {
  const a = s.attributes
  const messages =
    withSystem(a, normalizeChatMessages(a['gen_ai.input.messages'])) ??
    normalizeChatMessages(eventAttr(s, ['gen_ai.client.inference.operation.details'], 'gen_ai.input.messages')) ??
    (s.events.some((e) => ROLE_EVENTS.includes(e.name))
      ? s.events
          .filter((e) => ROLE_EVENTS.includes(e.name))
          .map((e) => ({ role: e.name.split('.')[1], content: String(e.attributes.content ?? '') }))
      : undefined) ??
    normalizeChatMessages(eventAttr(s, ['gen_ai.content.prompt'], 'gen_ai.prompt')) ??
    normalizeChatMessages(a['gen_ai.prompt']) ??
    normalizeChatMessages(unflatten(a, 'gen_ai.prompt')) ??
    normalizeChatMessages(unflatten(a, 'llm.input_messages')) ??
    normalizeChatMessages(a['ai.prompt.messages']) ??
    aiPrompt(a['ai.prompt'])
  if (messages) return messages as unknown as JsonValue
  const traceloop = maybeParseJson(a['traceloop.entity.input'])
  const other = emptyCall(traceloop) ? a['input.value'] : first(a, ['traceloop.entity.input', 'input.value'])
  if (present(other)) return maybeParseJson(other) as JsonValue
  if (type === 'tool') {
    const args = first(a, ['gen_ai.tool.call.arguments', 'ai.toolCall.args', 'tool.parameters'])
    if (args !== undefined) return maybeParseJson(args) as JsonValue
  }
  const misc = first(a, ['mlflow.spanInputs', 'gcp.vertex.agent.llm_request', 'genkit:input', 'input'])
  return misc === undefined ? undefined : (maybeParseJson(misc) as JsonValue)
}

/** Traceloop records a call without arguments as `{"args":[],"kwargs":{}}`: no input at all. */
const emptyCall = (v: AttrValue | undefined) =>
  isObj(v) &&
  Object.keys(v).length > 0 &&
  Object.entries(v).every(
    ([k, x]) => (k === 'args' || k === 'kwargs') && (Array.isArray(x) ? !x.length : isObj(x) && !Object.keys(x).length),
  )

/** Vercel AI SDK `ai.prompt`: `{ system?, prompt?, messages? }` as JSON text. */
function aiPrompt(v: AttrValue | undefined): ChatMessage[] | undefined {
  const p = maybeParseJson(v) as Obj | string | undefined
  if (p === undefined || p === null) return undefined
  if (typeof p === 'string') return [{ role: 'user', content: p }]
  const out: ChatMessage[] = []
  if (typeof p.system === 'string') out.push({ role: 'system', content: p.system })
  if (Array.isArray(p.messages)) out.push(...normalizeChatMessages(p.messages)!)
  else if (p.prompt !== undefined) out.push(...(normalizeChatMessages(p.prompt) ?? [{ role: 'user', content: String(p.prompt) }]))
  return out.length ? out : undefined
}

export function spanOutput(s: OtlpSpan, type: SpanType): JsonValue | undefined {
  const a = s.attributes
  const choices = s.events.filter((e) => e.name === 'gen_ai.choice').map((e) => maybeParseJson(e.attributes.message ?? e.attributes))
  const messages =
    normalizeChatMessages(a['gen_ai.output.messages']) ??
    normalizeChatMessages(eventAttr(s, ['gen_ai.client.inference.operation.details'], 'gen_ai.output.messages')) ??
    (choices.length ? normalizeChatMessages(choices) : undefined) ??
    normalizeChatMessages(eventAttr(s, ['gen_ai.content.completion'], 'gen_ai.completion')) ??
    normalizeChatMessages(a['gen_ai.completion']) ??
    normalizeChatMessages(unflatten(a, 'gen_ai.completion')) ??
    normalizeChatMessages(unflatten(a, 'llm.output_messages'))
  if (messages) return messages as unknown as JsonValue
  const aiText = a['ai.response.text'] ?? a['ai.result.text']
  const aiCalls = maybeParseJson(a['ai.response.toolCalls'])
  if (present(aiText) || Array.isArray(aiCalls)) {
    const calls = Array.isArray(aiCalls)
      ? normalizeChatMessages([{ role: 'assistant', content: '', toolCalls: aiCalls }])![0]!.toolCalls
      : undefined
    return [
      { role: 'assistant', content: present(aiText) ? String(aiText) : '', ...(calls ? { toolCalls: calls } : {}) },
    ] as unknown as JsonValue
  }
  const other = first(a, ['ai.response.object', 'ai.result.object', 'traceloop.entity.output', 'output.value'])
  if (other !== undefined) return maybeParseJson(other) as JsonValue
  if (type === 'tool') {
    const result = first(a, ['gen_ai.tool.call.result', 'ai.toolCall.result'])
    if (result !== undefined) return maybeParseJson(result) as JsonValue
  }
  const misc = first(a, ['mlflow.spanOutputs', 'gcp.vertex.agent.llm_response', 'genkit:output', 'output'])
  return misc === undefined ? undefined : (maybeParseJson(misc) as JsonValue)
}

/** Content attributes are stored as input/output, not again among the attributes. */
const CONTENT_KEY =
  /^(gen_ai\.(input|output)\.messages|gen_ai\.system_instructions|gen_ai\.prompt|gen_ai\.completion|llm\.(input|output)_messages|input\.value|output\.value|ai\.prompt|ai\.response\.(text|object|toolCalls)|ai\.result\.|traceloop\.entity\.(input|output))/

// ---- trace-level context --------------------------------------------------------------------

const USER_KEYS = [
  'langfuse.user.id',
  'user.id',
  'traceloop.association.properties.user_id',
  'ai.telemetry.metadata.userId',
  'enduser.id',
  'gen_ai.user',
  'llm.user',
]
const SESSION_KEYS = [
  'langfuse.session.id',
  'session.id',
  'gen_ai.conversation.id',
  'traceloop.association.properties.session_id',
  'ai.telemetry.metadata.sessionId',
]
const ENV_KEYS = ['langfuse.environment', 'deployment.environment.name', 'deployment.environment']
const TAG_KEYS = ['langfuse.trace.tags', 'langfuse.tags', 'tag.tags', 'ai.telemetry.metadata.tags']

function tags(v: AttrValue | undefined): string[] | undefined {
  const parsed = maybeParseJson(v)
  const list = Array.isArray(parsed) ? parsed.map(String) : typeof parsed === 'string' ? parsed.split(',') : undefined
  const clean = list?.map((t) => t.trim()).filter(Boolean)
  return clean?.length ? clean : undefined
}

function traceContext(s: OtlpSpan, resource: Attrs): Omit<TraceInput, 'id'> {
  const a = s.attributes
  const both = (keys: string[]) => str(first(a, keys) ?? first(resource, keys))
  const metadata: Record<string, JsonValue> = {}
  // LangChain's `ls_*` keys describe one model call, not the trace.
  for (const [k, v] of Object.entries(oiMetadata(a)))
    if (!k.startsWith('ls_') && !UNSAFE_KEYS.has(k) && v != null) metadata[k] = v as JsonValue
  for (const [k, v] of Object.entries(a)) {
    const key = /^(ai\.telemetry\.metadata|traceloop\.association\.properties)\.(.+)$/.exec(k)?.[2]
    if (key !== undefined && !['userId', 'sessionId', 'tags', 'user_id', 'session_id'].includes(key) && !UNSAFE_KEYS.has(key) && present(v))
      metadata[key] = v as JsonValue
  }
  if (present(resource['service.name'])) metadata['service.name'] = resource['service.name'] as JsonValue
  const isRoot = !s.parentSpanId
  const name = str(a['langfuse.trace.name']) ?? (isRoot ? str(first(a, ['traceloop.workflow.name', 'ai.telemetry.functionId'])) : undefined)
  const release = str(first(a, ['langfuse.release']) ?? resource['service.version'])
  const out: Omit<TraceInput, 'id'> = {}
  if (name) out.name = name
  const userId = both(USER_KEYS)
  if (userId) out.userId = userId
  const sessionId = both(SESSION_KEYS)
  if (sessionId) out.sessionId = sessionId
  const environment = both(ENV_KEYS)
  if (environment) out.environment = environment
  if (release) out.release = release
  const version = str(a['langfuse.version'])
  if (version) out.version = version
  const t = tags(first(a, TAG_KEYS))
  if (t) out.tags = t
  if (Object.keys(metadata).length) out.metadata = metadata
  return out
}

// ---- one span -------------------------------------------------------------------------------

const ZERO_TRACE = /^0+$/
const ms = (ns: bigint) => Number(ns / 1_000_000n)

export type MapResult = { span: SpanInput; trace: Omit<TraceInput, 'id'> } | { error: string }

export function mapSpan(s: OtlpSpan, resource: Attrs, scope: { name: string; version: string }): MapResult {
  if (!/^[0-9a-f]{32}$/.test(s.traceId) || ZERO_TRACE.test(s.traceId)) return { error: `span ${s.spanId || '?'}: invalid traceId` }
  if (!/^[0-9a-f]{16}$/.test(s.spanId) || ZERO_TRACE.test(s.spanId)) return { error: `span in trace ${s.traceId}: invalid spanId` }
  if (s.startNs === 0n) return { error: `span ${s.spanId}: missing startTimeUnixNano` }
  const a = s.attributes
  const type = spanType(a)
  const model = str(first(a, MODEL_KEYS))
  const prov = provider(a)
  const use = usage(a)
  let cost = providedCost(a)
  if (!cost && model && use && (type === 'generation' || type === 'embedding')) {
    const priced = computeCost(model, prov ?? null, {
      input: use.input ?? 0,
      output: use.output ?? 0,
      cacheRead: use.cacheRead,
      cacheWrite: use.cacheWrite,
    })
    if (priced) cost = { ...priced, source: 'computed' }
  }
  if (cost) cost = roundedCost(cost)
  const start = ms(s.startNs)
  const ttftSeconds = num(a['gen_ai.response.time_to_first_chunk'])
  const ttftMs = ttftSeconds !== undefined ? ttftSeconds * 1000 : num(a['ai.response.msToFirstChunk'])
  const exception = s.events.find((e) => e.name === 'exception')
  const statusMessage =
    str(a['langfuse.observation.status_message']) ||
    s.status.message ||
    str(a['error.type']) ||
    (exception ? str(exception.attributes['exception.message']) : undefined)
  const error = s.status.code === 2 || str(a['langfuse.observation.level']) === 'ERROR'
  const name =
    (type === 'tool' ? str(first(a, ['gen_ai.tool.name', 'ai.toolCall.name'])) : undefined) ??
    (s.name || str(a['ai.operationId']) || 'span')
  const attributes: Record<string, JsonValue> = {}
  for (const [k, v] of Object.entries(a)) if (!CONTENT_KEY.test(k) && v !== null) attributes[k] = v as JsonValue
  attributes['otel.kind'] = s.kind
  if (scope.name) attributes['otel.scope'] = scope.version ? `${scope.name}@${scope.version}` : scope.name
  const input = spanInput(s, type)
  const output = spanOutput(s, type)
  const params = modelParameters(a)
  const span: SpanInput = {
    id: s.spanId,
    traceId: s.traceId,
    parentId: s.parentSpanId || null,
    name: name.slice(0, 1000),
    type,
    startTime: start,
    endTime: s.endNs ? Math.max(start, ms(s.endNs)) : null,
    ...(ttftMs !== undefined && { completionStartTime: Math.round(start + ttftMs) }),
    ...(model && { model }),
    ...(prov && { provider: prov }),
    ...(params && { modelParameters: params }),
    ...(use && { usage: use }),
    ...(cost && { cost }),
    ...(input !== undefined && { input }),
    ...(output !== undefined && { output }),
    status: error ? 'error' : 'ok',
    ...(statusMessage && { statusMessage: statusMessage.slice(0, 10_000) }),
    attributes,
  }
  return { span, trace: traceContext(s, resource) }
}

export interface MappedBatch {
  spans: SpanInput[]
  traces: TraceInput[]
  /** spans that could not be mapped, with why */
  rejected: string[]
  total: number
}

/** Maps a whole export request; trace-level context from a trace's root span wins. */
export function mapBatch(batch: OtlpBatch): MappedBatch {
  const out: MappedBatch = { spans: [], traces: [], rejected: [], total: 0 }
  const traces = new Map<string, { root: boolean; fields: Omit<TraceInput, 'id'> }>()
  for (const r of batch.resources)
    for (const scope of r.scopes)
      for (const s of scope.spans) {
        out.total++
        const m = mapSpan(s, r.attributes, scope)
        if ('error' in m) {
          out.rejected.push(m.error)
          continue
        }
        out.spans.push(m.span)
        const isRoot = !s.parentSpanId
        const seen = traces.get(s.traceId)
        if (!seen) traces.set(s.traceId, { root: isRoot, fields: m.trace })
        else seen.fields = isRoot ? { ...seen.fields, ...m.trace } : { ...m.trace, ...seen.fields }
      }
  for (const [id, { fields }] of traces) if (Object.keys(fields).length) out.traces.push({ id, ...fields })
  return out
}
