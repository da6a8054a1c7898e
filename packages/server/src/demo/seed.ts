import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_LEASE_SECONDS, toIso, type ScoreConfig } from '@sightline/core'
import { ConfigError } from '../config'
import { makePrivateDir, writePrivateFile } from '../private-files'
import { ingestBatch } from '../services/ingest'
import { createEvaluator } from '../services/evaluators'
import type { Store } from '../store/types'
import { ensureDemoExperiments } from './demo-experiments'
import { ensureDemoMonitor } from './demo-monitor'
import { DEMO_JUDGE_BASE_URL } from './demo-judge'
import { generateDemoData } from './demo-data'

const CHUNK_TRACES = 500

export interface SeedProgress {
  traces: number
  spans: number
}

/**
 * Writes generated traffic through the same validation as the ingest API, in chunks so memory
 * stays flat. Returns what was written.
 */
export async function seedTraces(
  store: Store,
  projectId: string,
  o: { traces: number; now: number; days?: number; onProgress?: (p: SeedProgress) => void },
): Promise<SeedProgress> {
  const done: SeedProgress = { traces: 0, spans: 0 }
  for (let chunk = 0; done.traces < o.traces; chunk++) {
    const batch = generateDemoData({
      traces: Math.min(CHUNK_TRACES, o.traces - done.traces),
      now: o.now,
      days: o.days,
      seed: 1000 + chunk,
    })
    const result = await ingestBatch(store, projectId, batch, o.now)
    const [rejected] = result.rejected
    if (rejected) throw new Error(`seed data was rejected: ${rejected.error}`)
    done.traces += batch.traces.length
    done.spans += batch.spans.length
    o.onProgress?.(done)
  }
  return done
}

/** Demo data goes only into an empty project, so a restart never doubles it. */
export async function seedDemoIfEmpty(store: Store, projectId: string, now: number): Promise<SeedProgress | null> {
  if ((await store.countSpans(projectId)) > 0) return null
  return seedTraces(store, projectId, { traces: 320, now })
}

export const DEMO_QUEUE_NAME = 'Negative feedback'

/**
 * The demo's review queue: every trace that gets a thumbs-down lands in it (the rule), and
 * traces that already have one are added when the queue is made.
 */
export async function ensureDemoQueue(store: Store, projectId: string, now: number): Promise<string> {
  const existing = (await store.listQueues(projectId)).find((q) => q.name === DEMO_QUEUE_NAME)
  if (existing) return existing.id
  const configs = await store.listScoreConfigs(projectId)
  const ensure = async (config: Omit<ScoreConfig, 'id' | 'archivedAt' | 'createdAt'>) => {
    const found = configs.find((c) => c.name === config.name)
    if (found) return found.id
    const id = randomUUID()
    await store.createScoreConfig(projectId, { ...config, id, archivedAt: null, createdAt: toIso(now) })
    return id
  }
  const verdict = await ensure({
    name: 'verdict',
    dataType: 'categorical',
    min: null,
    max: null,
    step: null,
    categories: ['correct', 'partly correct', 'hallucinated'],
    description: 'Is the answer supported by the sources?',
  })
  const quality = await ensure({
    name: 'quality',
    dataType: 'numeric',
    min: 1,
    max: 5,
    step: 1,
    categories: null,
    description: 'Overall, 1 (bad) to 5 (great)',
  })
  const note = await ensure({
    name: 'note',
    dataType: 'text',
    min: null,
    max: null,
    step: null,
    categories: null,
    description: 'What should change?',
  })
  const id = randomUUID()
  await store.createQueue(projectId, {
    id,
    name: DEMO_QUEUE_NAME,
    description: 'Answers end users gave a thumbs-down',
    scoreConfigIds: [verdict, quality, note],
    reviewersPerItem: 1,
    leaseSeconds: DEFAULT_LEASE_SECONDS,
    rules: [{ kind: 'negative-feedback' }],
    archivedAt: null,
    createdAt: toIso(now),
  })
  await store.addQueueItems(projectId, id, await store.traceIdsMatching(projectId, { feedback: 'negative' }, undefined, 10_000), now)
  return id
}

/**
 * The demo's evaluators: two offline checks and an LLM judge answered by the fake model, so the
 * Evaluators page shows real runs. Made once, by name.
 */
export async function ensureDemoEvaluators(store: Store, projectId: string, now: number): Promise<void> {
  const names = new Set((await store.listEvaluators(projectId)).map((e) => e.name))
  const common = { sampleRate: 1, delaySeconds: 2, active: true, target: 'trace' as const }
  const wanted = [
    { ...common, name: 'PII in answers', kind: 'pii', config: {}, scoreName: 'pii' },
    { ...common, name: 'Tool output is JSON', kind: 'json-valid', config: {}, target: 'tool' as const, scoreName: 'tool_json' },
    {
      ...common,
      name: 'Answer quality (judge)',
      kind: 'llm-judge',
      scoreName: 'judge_quality',
      sampleRate: 0.5,
      config: {
        baseUrl: DEMO_JUDGE_BASE_URL,
        model: 'demo-judge',
        prompt: 'Question:\n{{input}}\n\nAnswer:\n{{output}}\n\nDoes the answer address the question without exposing personal data?',
        output: { dataType: 'boolean' },
      },
    },
  ]
  for (const e of wanted) if (!names.has(e.name)) await createEvaluator(store, projectId, e, now)
}

/**
 * What `--demo` needs before /demo is mounted: a data dir it seeded itself (marked by `demo.json`)
 * or an empty project, since /demo mints tokens for the project to whoever asks. Marks the dir,
 * seeds it once and makes sure the review queue exists; returns that queue's id.
 */
export async function prepareDemo(
  store: Store,
  projectId: string,
  dataDir: string,
  now: number,
  log: (line: string) => void,
): Promise<string> {
  const mark = join(dataDir, 'demo.json')
  if (!existsSync(mark)) {
    if ((await store.traceIdsMatching(projectId, {}, undefined, 1)).length)
      throw new ConfigError(
        `--demo runs only on an empty data dir or one it seeded, and this ${store.kind} store holds other traces: give the demo its own --data-dir${store.kind === 'postgres' ? ' and DATABASE_URL' : ''}`,
      )
    // Marked before seeding, so a start stopped halfway still counts as the demo's.
    makePrivateDir(dataDir)
    writePrivateFile(mark, `${JSON.stringify({ seededAt: toIso(now) })}\n`)
  }
  const queueId = await ensureDemoQueue(store, projectId, now)
  await ensureDemoEvaluators(store, projectId, now)
  const seeded = await seedDemoIfEmpty(store, projectId, now)
  log(seeded ? `Demo data: ${seeded.traces} traces, ${seeded.spans} spans` : 'Demo data: project not empty, left as is')
  await ensureDemoExperiments(store, projectId, now)
  await ensureDemoMonitor(store, projectId, now)
  return queueId
}
