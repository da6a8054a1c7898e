#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { bootstrapDefaultProject } from './bootstrap'
import { EXPERIMENT_USAGE, experimentCommand } from './cli-experiment'
import { ConfigError, resolveServeConfig } from './config'
import { seedTraces } from './demo/seed'
import { startServer } from './server'
import { openStore } from './store/open-store'

const USAGE = `Usage:
  sightline serve [--port 4318] [--host 127.0.0.1] [--data-dir ./.sightline] [--demo [--demo-public]] [--static DIR]
                  [--public-url URL] [--body-limit BYTES] [--shutdown-grace SECONDS]
  sightline seed --traces N [--days 14] [--data-dir ./.sightline]
${EXPERIMENT_USAGE}

Environment: SIGHTLINE_PORT, SIGHTLINE_HOST, SIGHTLINE_DATA_DIR, DATABASE_URL, SIGHTLINE_SECRET_KEY,
SIGHTLINE_PUBLIC_KEY, SIGHTLINE_ALLOWED_ORIGINS (comma list), SIGHTLINE_PUBLIC_URL, SIGHTLINE_BODY_LIMIT,
SIGHTLINE_SHUTDOWN_GRACE. The experiment commands reach a server at SIGHTLINE_URL (default
http://localhost:4318) with SIGHTLINE_SECRET_KEY.
Flags win.`

async function serveCommand(argv: string[]) {
  const config = resolveServeConfig(argv, process.env)
  const server = await startServer(config)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing in-flight requests (up to ${config.shutdownGraceMs / 1000} s)…`)
    // close() cuts what is left after the grace period; this only guards a database that hangs.
    setTimeout(() => {
      console.error('shutdown: the database did not close; exiting')
      process.exit(1)
    }, config.shutdownGraceMs + 10_000).unref()
    // Exit only once close() says every connection is closed, so no response is cut short.
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error('shutdown failed:', err)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

async function seedCommand(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { traces: { type: 'string' }, days: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  })
  void positionals
  const traces = Number(values.traces)
  if (!Number.isInteger(traces) || traces < 1) throw new ConfigError('seed needs --traces N with N a whole number ≥ 1')
  const days = values.days ? Number(values.days) : 14
  if (!(days > 0)) throw new ConfigError('--days must be a positive number')
  const config = resolveServeConfig(values['data-dir'] ? ['--data-dir', values['data-dir']] : [], process.env)
  const store = await openStore(config)
  await store.migrate()
  const { projectId } = await bootstrapDefaultProject(store, { ...config, log: () => {} })
  const started = Date.now()
  let last = 0
  const done = await seedTraces(store, projectId, {
    traces,
    days,
    now: Date.now(),
    onProgress: (p) => {
      if (Date.now() - last > 2000 || p.traces === traces) {
        last = Date.now()
        process.stdout.write(`\rseeded ${p.traces}/${traces} traces, ${p.spans} spans`)
      }
    },
  })
  await store.close()
  console.log(`\nDone: ${done.traces} traces, ${done.spans} spans in ${((Date.now() - started) / 1000).toFixed(1)} s (${store.kind})`)
}

async function experiment(argv: string[]) {
  // Ctrl-C stops starting calls and posts those made; a second one ends the process.
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort(new Error('interrupted')))
  const code = await experimentCommand(argv, {
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    tty: process.stderr.isTTY === true,
    cwd: process.cwd(),
    signal: controller.signal,
  })
  // A task module may leave sockets or timers open: the command is over, so exit once the output is out.
  await new Promise((done) => process.stdout.write('', done))
  await new Promise((done) => process.stderr.write('', done))
  process.exit(code)
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  if (command === 'serve') return serveCommand(rest)
  if (command === 'seed') return seedCommand(rest)
  if (command === 'experiment') return experiment(rest)
  console.log(USAGE)
  if (command && command !== 'help' && command !== '--help') {
    console.error(`\nUnknown command "${command}"`)
    process.exitCode = 2
  }
}

main().catch((err) => {
  const expected = err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  console.error(`sightline: ${expected ? err.message : (err.stack ?? err)}`)
  if (expected) console.error(`\n${USAGE}`)
  process.exit(2)
})
