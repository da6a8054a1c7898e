import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareScores, type ScoreSample } from '../packages/evals/src/index'
import { addItems, createDataset } from '../packages/server/src/services/datasets'
import { compare, createExperiment, postResults } from '../packages/server/src/services/experiments'
import { openSqliteStore } from '../packages/server/src/store/sqlite/sqlite-store'
import { fmt, percentile } from './machine'

const P = 'bench'

/**
 * `GET /api/v1/experiments/compare` on SQLite for `items` × `repetitions` × 3 scores a side, timed
 * in the service (what the route calls). Baseline: the statistics alone on the same samples in memory.
 */
export async function benchCompare({ items = 10_000, repetitions = 5, runs = 7 } = {}) {
  const store = openSqliteStore({ filename: join(mkdtempSync(join(tmpdir(), 'sl-compare-')), 'db.sqlite') })
  await store.migrate()
  const now = Date.now()
  const dataset = await createDataset(store, P, { name: 'bench' }, now)
  const ids = Array.from({ length: items }, (_, i) => `item-${i}`)
  await addItems(store, P, dataset.id, { items: ids.map((id) => ({ id, input: `question ${id}`, expectedOutput: 'answer' })) }, now)
  const names = ['accuracy', 'helpful', 'grounded']
  const samples: Record<string, ScoreSample[]>[] = []
  const experiment = async (name: string, shift: number) => {
    const e = await createExperiment(store, P, { name, datasetId: dataset.id, evaluatorIds: [], repetitions }, now)
    const record = (await store.getExperiment(P, e.id))!
    const mine: Record<string, ScoreSample[]> = Object.fromEntries(names.map((n) => [n, []]))
    let batch: Parameters<typeof postResults>[3]['results'] = []
    for (const [i, itemId] of ids.entries())
      for (let repetition = 0; repetition < repetitions; repetition++) {
        const scores = names.map((n, k) => ({ name: n, value: ((i * 7 + repetition * 3 + k) % 10) / 10 + shift, comment: null }))
        for (const s of scores) mine[s.name]!.push({ itemId, repetition, value: s.value })
        batch.push({ itemId, repetition, output: `output ${i}`, latencyMs: 100 + (i % 50), cost: 0.001, error: null, scores })
        if (batch.length === 1000) {
          await postResults(store, P, record, { results: batch }, now)
          batch = []
        }
      }
    if (batch.length) await postResults(store, P, record, { results: batch }, now)
    samples.push(mine)
    return e.id
  }
  const seedStart = performance.now()
  const base = await experiment('base', 0)
  const candidate = await experiment('candidate', 0.02)
  const seedSeconds = (performance.now() - seedStart) / 1000
  const timed: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await compare(store, P, base, candidate)
    timed.push(performance.now() - t)
  }
  const pure: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    for (const n of names) compareScores(samples[0]![n]!, samples[1]![n]!)
    pure.push(performance.now() - t)
  }
  await store.close()
  timed.sort((a, b) => a - b)
  pure.sort((a, b) => a - b)
  return {
    items,
    repetitions,
    scores: names.length,
    seedSeconds,
    p50: percentile(timed, 50),
    max: timed.at(-1)!,
    pure: percentile(pure, 50),
  }
}

export function printCompare(r: Awaited<ReturnType<typeof benchCompare>>) {
  console.log(
    `Experiment compare (${r.items.toLocaleString('en')} items × ${r.repetitions} repetitions × ${r.scores} scores a side, SQLite, in the service the route calls)`,
  )
  console.log(`  p50 ${fmt(r.p50)}, slowest ${fmt(r.max)}  (budget ≤ 1 s)`)
  console.log(`  ${fmt(r.pure)} the statistics alone on the same samples in memory (baseline); ratio ${(r.p50 / r.pure).toFixed(1)}×`)
  console.log(`  (seeding the two experiments took ${r.seedSeconds.toFixed(0)} s)\n`)
}
