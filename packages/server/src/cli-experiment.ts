import { basename, extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import {
  createClient,
  describeIssues,
  type Experiment,
  type ExperimentCompare,
  type ExperimentRunProgress,
  type ExperimentTask,
  ExperimentTimeoutError,
  type FetchLike,
  formatCost,
  formatLatency,
  runExperiment,
  type ScoreComparison,
  SightlineError,
  SightlineNetworkError,
} from '@sightline/core'
import { ConfigError } from './config'

export const EXPERIMENT_USAGE = `  sightline experiment run --dataset ID --task ./task.mjs [--name NAME] [--repetitions 1] [--concurrency 4]
                           [--evaluator ID]… [--timeout 300] [--url URL] [--key KEY]
  sightline experiment compare --base ID --candidate ID [--fail-on-regression [--min-delta 0.02]] [--json]
                               [--url URL] [--key KEY]`

export const DEFAULT_SERVER_URL = 'http://localhost:4318'
export const DEFAULT_MIN_DELTA = 0.02

/** Where the command writes, and what it reads: the process's by default, a test's otherwise. */
export interface CommandIo {
  env: NodeJS.ProcessEnv
  out: (text: string) => void
  err: (text: string) => void
  /** progress lines rewrite themselves in place */
  tty: boolean
  cwd: string
  fetch?: FetchLike | undefined
  /** aborts a run: the calls already made are posted */
  signal?: AbortSignal | undefined
}

/** A failure the user can fix, said in one message: the command exits 1. */
class CommandFailure extends Error {}

const connection = { url: { type: 'string' }, key: { type: 'string' } } as const

/** `sightline experiment run|compare …`: the exit code (0, or 1 on a failure or a failed gate). Usage errors throw ConfigError. */
export async function experimentCommand(argv: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv
  try {
    if (sub === 'run') return await runCommand(rest, io)
    if (sub === 'compare') return await compareCommand(rest, io)
  } catch (err) {
    if (err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw err
    io.err(`sightline: ${explain(err)}\n`)
    return 1
  }
  throw new ConfigError(sub ? `unknown experiment command "${sub}": run or compare` : 'experiment needs a command: run or compare')
}

function clientFor(values: { url?: string | undefined; key?: string | undefined }, io: CommandIo) {
  const baseUrl = values.url ?? io.env.SIGHTLINE_URL ?? DEFAULT_SERVER_URL
  const secretKey = values.key ?? io.env.SIGHTLINE_SECRET_KEY
  if (!secretKey)
    throw new CommandFailure(
      'no secret key: set SIGHTLINE_SECRET_KEY (or pass --key) to a secret key (sk-sl-…) of the project; `sightline serve` prints it at start',
    )
  try {
    new URL(baseUrl)
  } catch {
    throw new CommandFailure(`the server URL "${baseUrl}" (SIGHTLINE_URL or --url) is not a URL, e.g. ${DEFAULT_SERVER_URL}`)
  }
  return { baseUrl, client: createClient({ baseUrl, secretKey, fetch: io.fetch }) }
}

/** The client's errors, said with what to change. */
function explain(err: unknown): string {
  if (err instanceof CommandFailure || err instanceof ExperimentTimeoutError) return err.message
  if (err instanceof SightlineNetworkError)
    return `${err.message}. Is \`sightline serve\` running there? Point SIGHTLINE_URL (or --url) at the server`
  if (err instanceof SightlineError) {
    if (err.status === 401 || err.status === 403)
      return `the server refused the key (${err.message}): set SIGHTLINE_SECRET_KEY (or --key) to a secret key (sk-sl-…) of the project`
    return err.issues.length ? `${err.message}: ${describeIssues(err.issues)}` : err.message
  }
  return err instanceof Error ? err.message : String(err)
}

const wholeNumber = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  return n
}

async function loadTask(path: string, cwd: string): Promise<ExperimentTask> {
  let module: { default?: unknown }
  try {
    module = await import(pathToFileURL(resolve(cwd, path)).href)
  } catch (err) {
    throw new CommandFailure(`cannot load the task module ${path}: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (typeof module.default !== 'function')
    throw new CommandFailure(
      `the task module ${path} must export the task function as its default export: export default async (item) => output`,
    )
  return module.default as ExperimentTask
}

async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string' },
      task: { type: 'string' },
      name: { type: 'string' },
      repetitions: { type: 'string' },
      concurrency: { type: 'string' },
      evaluator: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      ...connection,
    },
    strict: true,
    allowPositionals: false,
  })
  if (!values.dataset) throw new ConfigError('experiment run needs --dataset ID')
  if (!values.task) throw new ConfigError('experiment run needs --task ./task.mjs (a module whose default export is the task)')
  const repetitions = wholeNumber('--repetitions', values.repetitions, 1, 1, 20)
  const concurrency = wholeNumber('--concurrency', values.concurrency, 4, 1, 1000)
  const timeout = wholeNumber('--timeout', values.timeout, 300, 1, 86_400)
  const { client } = clientFor(values, io)
  const task = await loadTask(values.task, io.cwd)
  const name = values.name ?? `${basename(values.task, extname(values.task))} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`

  const progress = progressWriter(io)
  let experimentId: string | undefined
  try {
    const experiment = await runExperiment({
      client,
      datasetId: values.dataset,
      name,
      task,
      repetitions,
      concurrency,
      timeoutMs: timeout * 1000,
      ...(values.evaluator && { evaluatorIds: values.evaluator }),
      onProgress: (p) => {
        experimentId = p.experimentId
        progress.update(p)
      },
      signal: io.signal,
    })
    progress.end()
    io.out(formatSummary(experiment))
    return 0
  } catch (err) {
    progress.end()
    // nothing ran yet: the dataset is what was not found
    if (err instanceof SightlineError && err.status === 404 && !experimentId)
      throw new CommandFailure(`no dataset ${values.dataset} in the project of this key (SIGHTLINE_SECRET_KEY or --key)`)
    // The results made so far are stored: say where.
    if (experimentId) io.err(`experiment ${experimentId}: the results posted so far are stored\n`)
    throw err
  }
}

function progressWriter(io: CommandIo) {
  let last = 0
  let pending: ExperimentRunProgress | undefined
  let written = false
  const line = (p: ExperimentRunProgress) =>
    p.phase === 'tasks'
      ? `experiment ${p.experimentId}: ${p.done}/${p.total} calls, ${p.errors} error${p.errors === 1 ? '' : 's'}`
      : `experiment ${p.experimentId}: ${p.done}/${p.total} calls; scoring, ${p.pendingEvaluations} evaluation${p.pendingEvaluations === 1 ? '' : 's'} pending`
  const write = (p: ExperimentRunProgress) => {
    // On a terminal one line rewritten in place; in a log a line every few seconds.
    io.err(io.tty ? `\r\x1b[K${line(p)}` : `${line(p)}\n`)
    written = io.tty
    last = Date.now()
    pending = undefined
  }
  return {
    update(p: ExperimentRunProgress) {
      pending = p
      if (Date.now() - last >= (io.tty ? 100 : 2000) || (p.phase === 'tasks' && p.done === p.total)) write(p)
    },
    end() {
      if (pending) write(pending)
      if (written) io.err('\n')
      written = false
    },
  }
}

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

const DASH = '—'
const num = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? DASH : Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(3))
const signed = (v: number | null | undefined, format: (x: number) => string) =>
  v == null || !Number.isFinite(v) ? DASH : `${v > 0 ? '+' : v < 0 ? '-' : ''}${format(Math.abs(v))}`
const pValue = (p: number | null) => (p == null ? DASH : p < 0.001 ? '<0.001' : p.toFixed(3))

/** `sightline experiment run`'s report: scores, latency, cost and the id to compare with. */
export function formatSummary(e: Experiment): string {
  const head = `Experiment "${e.name}" (${e.id}): dataset ${e.datasetId} version ${e.datasetVersion}, ${e.repetitions} repetition${e.repetitions === 1 ? '' : 's'}
${e.progress.results}/${e.progress.expected} results, ${e.progress.errors} error${e.progress.errors === 1 ? '' : 's'}, status ${e.status}${e.progress.pendingEvaluations ? ` (${e.progress.pendingEvaluations} evaluations pending)` : ''}`
  const scores = e.scores.length
    ? table([['score', 'mean', 'n', 'missing'], ...e.scores.map((s) => [s.name, num(s.mean), String(s.n), String(s.missing)])])
    : 'no scores'
  return `${head}

${scores}

latency  mean ${formatLatency(e.latencyMs.mean)} over ${e.latencyMs.n} results
cost     total ${formatCost(e.cost.total)}, mean ${formatCost(e.cost.mean)}

Experiment id: ${e.id}
`
}

/** The scores whose upper 95 % bound is below −minDelta: a regression larger than the tolerance, beyond chance. */
export function regressions(compare: ExperimentCompare, minDelta: number): ScoreComparison[] {
  return compare.scores.filter((s) => s.ci95 !== null && s.ci95[1] < -minDelta)
}

/** `sightline experiment compare`'s table: one row per score, then latency and cost. */
export function formatComparison(compare: ExperimentCompare, gate?: { minDelta: number } | undefined): string {
  const failed = new Set(gate ? regressions(compare, gate.minDelta).map((s) => s.name) : [])
  type Row = Omit<ScoreComparison, 'name'>
  const row = (label: string, s: Row, value: (x: number) => string, flag: string) => [
    label,
    s.base.mean == null ? DASH : value(s.base.mean),
    s.candidate.mean == null ? DASH : value(s.candidate.mean),
    signed(s.delta, value),
    s.ci95 ? `[${signed(s.ci95[0], value)}, ${signed(s.ci95[1], value)}]` : 'too few items',
    pValue(s.pValue),
    String(s.improved),
    String(s.regressed),
    String(s.unchanged),
    `${s.missing.base}/${s.missing.candidate}`,
    flag,
  ]
  const latency = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)
  const cost = (usd: number) => formatCost(usd)
  const rows = [
    ['score', 'base', 'candidate', 'delta', '95 % CI', 'p', 'improved', 'regressed', 'unchanged', 'missing b/c', ''],
    ...compare.scores.map((s) =>
      row(s.name, s, (x) => num(x), failed.has(s.name) ? 'REGRESSED' : s.ci95 === null ? 'n < 2: not gated' : ''),
    ),
    row('latency', compare.latencyMs, latency, ''),
    row('cost', compare.cost, cost, ''),
  ]
  return `Base "${compare.base.name}" (${compare.base.id}) → candidate "${compare.candidate.name}" (${compare.candidate.id}): ${compare.items} paired item${compare.items === 1 ? '' : 's'}

${table(rows)}
`
}

async function compareCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      candidate: { type: 'string' },
      'fail-on-regression': { type: 'boolean' },
      'min-delta': { type: 'string' },
      json: { type: 'boolean' },
      ...connection,
    },
    strict: true,
    allowPositionals: false,
  })
  if (!values.base || !values.candidate) throw new ConfigError('experiment compare needs --base ID and --candidate ID')
  const minDelta = values['min-delta'] === undefined ? DEFAULT_MIN_DELTA : Number(values['min-delta'])
  if (!Number.isFinite(minDelta) || minDelta < 0 || values['min-delta']?.trim() === '')
    throw new ConfigError(`--min-delta must be a number ≥ 0, got "${values['min-delta']}"`)
  if (values['min-delta'] !== undefined && !values['fail-on-regression'])
    throw new ConfigError('--min-delta goes with --fail-on-regression')
  const gate = values['fail-on-regression'] ? { minDelta } : undefined
  const { client } = clientFor(values, io)
  const compare = await client.compareExperiments(values.base, values.candidate).catch((err: unknown) => {
    if (err instanceof SightlineError && err.status === 404)
      throw new CommandFailure(
        `${err.message}: no experiment ${values.base} or ${values.candidate} in the project of this key (SIGHTLINE_SECRET_KEY or --key)`,
      )
    throw err
  })
  const failed = gate ? regressions(compare, gate.minDelta) : []
  const bound = (s: ScoreComparison) => `${s.name} (delta ${num(s.delta)}, upper 95 % bound ${num(s.ci95![1])})`
  const verdict = failed.length
    ? `Regression beyond ${minDelta}: ${failed.map(bound).join(', ')}\n`
    : `No score regressed beyond ${minDelta} (every upper 95 % bound is at least ${-minDelta})\n`
  if (values.json) {
    io.out(`${JSON.stringify({ ...compare, gate: gate ? { minDelta, failed: failed.map((s) => s.name) } : null }, null, 2)}\n`)
    // stdout stays JSON; a CI log still says why it failed
    if (failed.length) io.err(verdict)
  } else {
    io.out(formatComparison(compare, gate))
    if (gate) io.out(`\n${verdict}`)
  }
  return failed.length ? 1 : 0
}
