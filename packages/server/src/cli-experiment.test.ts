import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type ExperimentCompare, type SightlineClient, runExperiment } from '@sightline/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, type RunningCli, startCli } from '../../../scripts/cli-process'
import { type CommandIo, experimentCommand, formatComparison, regressions } from './cli-experiment'
import { testApp } from './test-helpers'

const ITEMS = 10

/** A dataset of ITEMS questions whose expected answer is the question upper-cased. */
async function seedDataset(client: SightlineClient) {
  const dataset = await client.createDataset({ name: 'capitals' })
  await client.addDatasetItems(dataset.id, {
    items: Array.from({ length: ITEMS }, (_, i) => ({ id: `q${i}`, input: { q: `question ${i}` }, expectedOutput: `QUESTION ${i}` })),
  })
  return dataset.id
}

/** An experiment whose results carry the given scores per item (no task run: posted as they are). */
async function seedExperiment(client: SightlineClient, datasetId: string, name: string, scores: (i: number) => Record<string, number>) {
  const e = await client.createExperiment({ name, datasetId })
  await client.postExperimentResults(e.id, {
    results: Array.from({ length: ITEMS }, (_, i) => ({
      itemId: `q${i}`,
      output: `answer ${i}`,
      latencyMs: 100 + i,
      cost: 0.001,
      scores: Object.entries(scores(i)).map(([n, value]) => ({ name: n, value })),
    })),
  })
  return e.id
}

function capture(env: Record<string, string | undefined>, extra: Partial<CommandIo> = {}) {
  let out = ''
  let err = ''
  const io: CommandIo = { env, out: (t) => (out += t), err: (t) => (err += t), tty: false, cwd: process.cwd(), ...extra }
  return { io, out: () => out, err: () => err }
}

/** `sightline …` as a user runs it: a child process, its output and exit code. */
function sightline(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/server/src/cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, SIGHTLINE_URL: '', SIGHTLINE_SECRET_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('runExperiment against the server (in-process)', () => {
  it('runs the task over items × repetitions, records errors, scores and traces, and returns the summary', async () => {
    const { app, keys } = await testApp()
    const client = createClient({ baseUrl: 'http://localhost', secretKey: keys.p1, fetch: async (url, init) => app.request(url, init) })
    const datasetId = await seedDataset(client)
    const progress: number[] = []
    const summary = await runExperiment({
      client,
      datasetId,
      name: 'upper-case',
      repetitions: 2,
      concurrency: 3,
      metadata: { model: 'toUpperCase' },
      onProgress: (p) => progress.push(p.done),
      task: async (item, { repetition }) => {
        const q = (item.input as { q: string }).q
        if (item.id === 'q3') throw new Error(`cannot answer ${q}`)
        const output = q.toUpperCase()
        // the structured form on even items, a plain output on odd ones
        return Number(item.id.slice(1)) % 2 === 0
          ? {
              output,
              scores: [
                { name: 'exact', value: output === item.expectedOutput ? 1 : 0 },
                { name: 'rep', value: repetition },
              ],
              cost: 0.002,
            }
          : output
      },
    })

    expect(summary).toMatchObject({
      name: 'upper-case',
      datasetId,
      datasetVersion: 1,
      repetitions: 2,
      metadata: { model: 'toUpperCase' },
      status: 'done',
      progress: { results: 20, expected: 20, errors: 2, pendingEvaluations: 0 },
    })
    expect(summary.cost.total).toBeCloseTo(0.02, 10)
    expect(summary.latencyMs.n).toBe(20)
    // 5 even items × 2 repetitions carry scores; the other 10 results lack them
    expect(summary.scores).toEqual([
      { name: 'exact', mean: 1, n: 10, missing: 10 },
      { name: 'rep', mean: 0.5, n: 10, missing: 10 },
    ])
    expect(progress).toHaveLength(20)
    expect(progress.at(-1)).toBe(20)

    const results = (await client.listExperimentResults(summary.id, { limit: 100 })).data
    expect(results).toHaveLength(20)
    const failed = results.filter((r) => r.error)
    expect(failed.map((r) => [r.itemId, r.error, r.output])).toEqual([
      ['q3', 'cannot answer question 3', null],
      ['q3', 'cannot answer question 3', null],
    ])
    // Each call's own trace (a random 32-hex id), with the item's input and the output.
    const r1 = results.find((r) => r.itemId === 'q1' && r.repetition === 1)!
    expect(r1.traceId).toMatch(/^[0-9a-f]{32}$/)
    expect(r1.output).toBe('QUESTION 1')
    const { trace } = await client.getTrace(r1.traceId)
    expect(trace).toMatchObject({
      name: 'upper-case',
      environment: 'experiment',
      input: { q: 'question 1' },
      output: 'QUESTION 1',
      status: 'ok',
      metadata: { experimentId: summary.id, datasetId, itemId: 'q1', repetition: 1 },
    })
    const r0 = results.find((r) => r.itemId === 'q0' && r.repetition === 0)!
    expect(r0.scores.exact).toMatchObject({ value: 1, source: 'api' })
    expect((await client.getTrace(failed[0]!.traceId)).trace.status).toBe('error')
    expect(new Set(results.map((r) => r.traceId)).size).toBe(20)
  })

  it('says which dataset is unknown', async () => {
    const { app, keys } = await testApp()
    const fetch = async (url: string, init?: RequestInit) => app.request(url, init)
    const dir = mkdtempSync(join(tmpdir(), 'sl-task-'))
    writeFileSync(join(dir, 'task.mjs'), 'export default (item) => item.input\n')
    const c = capture({ SIGHTLINE_SECRET_KEY: keys.p1, SIGHTLINE_URL: 'http://localhost' }, { fetch, cwd: dir })
    expect(await experimentCommand(['run', '--dataset', 'nope', '--task', './task.mjs'], c.io)).toBe(1)
    expect(c.err()).toBe('sightline: no dataset nope in the project of this key (SIGHTLINE_SECRET_KEY or --key)\n')
  })
})

describe('the comparison table and the gate', () => {
  const side = (mean: number | null, n: number) => ({ mean, n })
  const score = (name: string, delta: number | null, ci95: [number, number] | null) => ({
    name,
    base: side(0.9, 10),
    candidate: side(delta === null ? null : 0.9 + delta, 10),
    delta,
    ci95,
    pValue: ci95 ? 0.0004 : null,
    improved: 1,
    regressed: 7,
    unchanged: 2,
    missing: { base: 0, candidate: 1 },
    noise: 0,
  })
  const { name: _n, ...latency } = score('latency', 25, [10, 40])
  const compare: ExperimentCompare = {
    base: { id: 'b1', name: 'base' },
    candidate: { id: 'c1', name: 'cand' },
    items: 10,
    scores: [
      score('exact', -0.5, [-0.8, -0.2]),
      score('fluency', -0.05, [-0.1, 0.01]),
      score('rare', null, null),
      score('tone', -0.03, [-0.04, -0.025]),
    ],
    latencyMs: { ...latency, base: side(120, 10), candidate: side(145, 10) },
    cost: { ...latency, base: side(0.001, 10), candidate: side(0.002, 10), delta: 0.001, ci95: [0.0005, 0.0015] },
  }

  it('fails the scores whose upper bound is below −minDelta, never one without a CI', () => {
    expect(regressions(compare, 0.02).map((s) => s.name)).toEqual(['exact', 'tone'])
    expect(regressions(compare, 0.03).map((s) => s.name)).toEqual(['exact'])
    expect(regressions(compare, 0.2).map((s) => s.name)).toEqual([])
  })

  it('prints one row per score, then latency and cost, flagging failures and scores with too few items', () => {
    const text = formatComparison(compare, { minDelta: 0.02 })
    const lines = text.split('\n')
    expect(lines[0]).toBe('Base "base" (b1) → candidate "cand" (c1): 10 paired items')
    expect(lines[2]).toMatch(/^score\s+base\s+candidate\s+delta\s+95 % CI\s+p\s+improved\s+regressed\s+unchanged\s+missing b\/c$/)
    expect(lines[3]).toMatch(/^exact\s+0\.900\s+0\.400\s+-0\.500\s+\[-0\.800, -0\.200\]\s+<0\.001\s+1\s+7\s+2\s+0\/1\s+REGRESSED$/)
    expect(lines[4]).toMatch(/^fluency .*\[-0\.100, \+0\.010\]\s+<0\.001\s+1\s+7\s+2\s+0\/1$/)
    expect(lines[5]).toMatch(/^rare\s+0\.900\s+—\s+—\s+too few items\s+—\s+1\s+7\s+2\s+0\/1\s+n < 2: not gated$/)
    expect(lines[6]).toMatch(/^tone .*REGRESSED$/)
    expect(lines[7]).toMatch(/^latency\s+120 ms\s+145 ms\s+\+25 ms\s+\[\+10 ms, \+40 ms\]/)
    expect(lines[8]).toMatch(/^cost\s+\$0\.0010\s+\$0\.0020\s+\+\$0\.0010\s+\[\+\$0\.00050, \+\$0\.0015\]/)
    // Without the gate nothing is marked.
    expect(formatComparison(compare)).not.toContain('REGRESSED')
  })
})

describe('sightline experiment, against a running server', () => {
  let cli: RunningCli
  let env: Record<string, string>
  let client: SightlineClient
  let datasetId: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    cli = await startCli([], { SIGHTLINE_SECRET_KEY: 'sk-sl-experiment-cli' })
    env = { SIGHTLINE_URL: cli.url, SIGHTLINE_SECRET_KEY: cli.secretKey }
    client = createClient({ baseUrl: cli.url, secretKey: cli.secretKey })
    datasetId = await seedDataset(client)
    // base: right everywhere; worse: wrong on 8 of 10; same: right everywhere; slight: quality 0.05 lower.
    // `rare` is on one item only, so it has no CI.
    ids.base = await seedExperiment(client, datasetId, 'base', (i) => ({ exact: 1, quality: 0.9, ...(i === 0 && { rare: 1 }) }))
    ids.worse = await seedExperiment(client, datasetId, 'worse', (i) => ({
      exact: i < 8 ? 0 : 1,
      quality: 0.9,
      ...(i === 0 && { rare: 0 }),
    }))
    ids.same = await seedExperiment(client, datasetId, 'same', (i) => ({ exact: 1, quality: 0.9, ...(i === 0 && { rare: 0 }) }))
    ids.slight = await seedExperiment(client, datasetId, 'slight', () => ({ exact: 1, quality: 0.85 }))
  }, 300_000)
  afterAll(() => cli?.stop())

  it('compare --fail-on-regression exits 1 on a regression, printing the table and the failed score', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await sightline(
      ['experiment', 'compare', '--base', ids.base!, '--candidate', ids.worse!, '--fail-on-regression'],
      env,
    )
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expect(stdout).toContain(`Base "base" (${ids.base}) → candidate "worse" (${ids.worse}): 10 paired items`)
    expect(stdout).toMatch(/\nexact\s+1\.000\s+0\.200\s+-0\.800\s+\[-1\.102, -0\.498\]\s+<0\.001\s+0\s+8\s+2\s+0\/0\s+REGRESSED\n/)
    expect(stdout).toMatch(/\nquality\s+0\.900\s+0\.900\s+0\.000\s+\[0\.000, 0\.000\]\s+1\.000\s+0\s+0\s+10\s+0\/0\n/)
    expect(stdout).toMatch(/\nrare\s+1\.000\s+0\.000\s+-1\.000\s+too few items\s+—\s+0\s+1\s+0\s+0\/0\s+n < 2: not gated\n/)
    expect(stdout).toMatch(/\nlatency\s+105 ms\s+105 ms\s+0 ms\s+\[0 ms, 0 ms\]/)
    expect(stdout).toMatch(/\ncost\s+\$0\.0010\s+\$0\.0010\s+\$0\s+/)
    expect(stdout).toContain('Regression beyond 0.02: exact (delta -0.800, upper 95 % bound -0.498)')
  })

  it('compare --fail-on-regression exits 0 when nothing regressed', { timeout: 120_000 }, async () => {
    const { code, stdout } = await sightline(
      ['experiment', 'compare', '--base', ids.base!, '--candidate', ids.same!, '--fail-on-regression'],
      env,
    )
    expect(code).toBe(0)
    expect(stdout).toContain('No score regressed beyond 0.02 (every upper 95 % bound is at least -0.02)')
    expect(stdout).not.toContain('REGRESSED')
  })

  it('experiment run loads the task module, runs it with an evaluator and prints the summary', { timeout: 120_000 }, async () => {
    const evaluator = await client.createEvaluator({ name: 'exact', kind: 'exact-match', active: false, delaySeconds: 0 })
    const dir = mkdtempSync(join(tmpdir(), 'sl-task-'))
    writeFileSync(
      join(dir, 'task.mjs'),
      `export default async (item, { repetition }) => {
  if (item.id === 'q9') throw new Error('no answer for ' + item.input.q)
  // wrong on q0, so exact-match scores 0 there
  const output = item.id === 'q0' ? 'no idea' : item.input.q.toUpperCase()
  return { output, scores: [{ name: 'length', value: output.length }], cost: 0.01 }
}
`,
    )
    const { code, stdout, stderr } = await sightline(
      // from the repository, where `--import tsx` resolves; a relative --task is resolved against the cwd (tested below)
      [
        'experiment',
        'run',
        '--dataset',
        datasetId,
        '--task',
        join(dir, 'task.mjs'),
        '--name',
        'upper',
        '--repetitions',
        '2',
        '--evaluator',
        evaluator.id,
      ],
      env,
    )
    expect(stderr.split('\n').filter((l) => l.startsWith('sightline:'))).toEqual([])
    expect(code).toBe(0)
    const id = /Experiment id: (\S+)/.exec(stdout)?.[1]
    expect(id).toBeDefined()
    expect(stderr).toContain(`experiment ${id}: 20/20 calls, 2 errors`)
    expect(stdout).toContain(`Experiment "upper" (${id}): dataset ${datasetId} version 1, 2 repetitions`)
    expect(stdout).toContain('20/20 results, 2 errors, status done')
    // exact-match scored by the server's evaluator on the 18 results without an error: 16 right
    expect(stdout).toMatch(/\nexact\s+0\.889\s+18\s+2\n/)
    expect(stdout).toMatch(/\nlength\s+9\.667\s+18\s+2\n/)
    expect(stdout).toMatch(/\ncost {5}total \$0\.18, mean \$0\.010\n/)
    const summary = await client.getExperiment(id!)
    expect(summary.progress).toEqual({ results: 20, expected: 20, errors: 2, pendingEvaluations: 0 })
  })

  it('compare --min-delta sets how large a regression the gate tolerates', async () => {
    const strict = capture(env)
    expect(await experimentCommand(['compare', '--base', ids.base!, '--candidate', ids.slight!, '--fail-on-regression'], strict.io)).toBe(1)
    expect(strict.out()).toContain('Regression beyond 0.02: quality (delta -0.050, upper 95 % bound -0.050)')
    const lenient = capture(env)
    expect(
      await experimentCommand(
        ['compare', '--base', ids.base!, '--candidate', ids.slight!, '--fail-on-regression', '--min-delta', '0.1'],
        lenient.io,
      ),
    ).toBe(0)
    // Without the gate a regression is only reported.
    expect(await experimentCommand(['compare', '--base', ids.base!, '--candidate', ids.worse!], capture(env).io)).toBe(0)
  })

  it('compare --json prints the comparison with the gate verdict', async () => {
    const c = capture(env)
    expect(
      await experimentCommand(['compare', '--base', ids.base!, '--candidate', ids.worse!, '--fail-on-regression', '--json'], c.io),
    ).toBe(1)
    const json = JSON.parse(c.out()) as ExperimentCompare & { gate: { minDelta: number; failed: string[] } }
    expect(json.gate).toEqual({ minDelta: 0.02, failed: ['exact'] })
    expect(json.scores.map((s) => s.name)).toEqual(['exact', 'quality', 'rare'])
    expect(c.err()).toContain('Regression beyond 0.02: exact')
  })

  it('says what to set when the key is missing or wrong, or the server cannot be reached', async () => {
    const args = ['compare', '--base', ids.base!, '--candidate', ids.worse!]
    const noKey = capture({ SIGHTLINE_URL: cli.url })
    expect(await experimentCommand(args, noKey.io)).toBe(1)
    expect(noKey.err()).toMatch(/^sightline: no secret key: set SIGHTLINE_SECRET_KEY \(or pass --key\)/)

    const wrongKey = capture(env)
    expect(await experimentCommand([...args, '--key', 'sk-sl-wrong'], wrongKey.io)).toBe(1)
    expect(wrongKey.err()).toMatch(/^sightline: the server refused the key \(.+\): set SIGHTLINE_SECRET_KEY \(or --key\)/)

    const down = capture({ ...env, SIGHTLINE_URL: 'http://127.0.0.1:9' })
    expect(await experimentCommand(args, down.io)).toBe(1)
    expect(down.err()).toMatch(
      /^sightline: The Sightline server at http:\/\/127\.0\.0\.1:9 could not be reached \(.+\)\. Is `sightline serve` running there\? Point SIGHTLINE_URL \(or --url\) at the server\n$/,
    )

    const unknown = capture(env)
    expect(await experimentCommand(['compare', '--base', ids.base!, '--candidate', 'nope'], unknown.io)).toBe(1)
    expect(unknown.err()).toBe(
      `sightline: experiment not found: no experiment ${ids.base} or nope in the project of this key (SIGHTLINE_SECRET_KEY or --key)\n`,
    )
  })

  it('refuses bad usage (exit 2 through the CLI) and bad task modules', async () => {
    await expect(experimentCommand(['run', '--task', 'x.mjs'], capture(env).io)).rejects.toThrow('experiment run needs --dataset ID')
    await expect(experimentCommand(['compare', '--base', 'a'], capture(env).io)).rejects.toThrow('needs --base ID and --candidate ID')
    await expect(
      experimentCommand(['compare', '--base', 'a', '--candidate', 'b', '--fail-on-regression', '--min-delta=-1'], capture(env).io),
    ).rejects.toThrow('--min-delta must be a number ≥ 0, got "-1"')
    await expect(experimentCommand(['frobnicate'], capture(env).io)).rejects.toThrow(
      'unknown experiment command "frobnicate": run or compare',
    )
    await expect(
      experimentCommand(['run', '--dataset', datasetId, '--task', 't.mjs', '--repetitions', '99'], capture(env).io),
    ).rejects.toThrow('--repetitions must be a whole number from 1 to 20, got "99"')

    const dir = mkdtempSync(join(tmpdir(), 'sl-task-'))
    writeFileSync(join(dir, 'named.mjs'), 'export const task = () => 1\n')
    const noDefault = capture(env, { cwd: dir })
    expect(await experimentCommand(['run', '--dataset', datasetId, '--task', './named.mjs'], noDefault.io)).toBe(1)
    expect(noDefault.err()).toContain('sightline: the task module ./named.mjs must export the task function as its default export')
    const missing = capture(env, { cwd: dir })
    expect(await experimentCommand(['run', '--dataset', datasetId, '--task', './gone.mjs'], missing.io)).toBe(1)
    expect(missing.err()).toMatch(/^sightline: cannot load the task module \.\/gone\.mjs: /)
  })
})
