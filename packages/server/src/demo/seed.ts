import { randomUUID } from 'node:crypto'
import { DEFAULT_LEASE_SECONDS, toIso, type ScoreConfig } from '@sightline/core'
import { ingestBatch } from '../services/ingest'
import type { Store } from '../store/types'
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
    if (result.rejected.length) throw new Error(`seed data was rejected: ${result.rejected[0].error}`)
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
    name: 'verdict', dataType: 'categorical', min: null, max: null, step: null, categories: ['correct', 'partly correct', 'hallucinated'],
    description: 'Is the answer supported by the sources?',
  })
  const quality = await ensure({ name: 'quality', dataType: 'numeric', min: 1, max: 5, step: 1, categories: null, description: 'Overall, 1 (bad) to 5 (great)' })
  const note = await ensure({ name: 'note', dataType: 'text', min: null, max: null, step: null, categories: null, description: 'What should change?' })
  const id = randomUUID()
  await store.createQueue(projectId, {
    id, name: DEMO_QUEUE_NAME, description: 'Answers end users gave a thumbs-down', scoreConfigIds: [verdict, quality, note], reviewersPerItem: 1,
    leaseSeconds: DEFAULT_LEASE_SECONDS, rules: [{ kind: 'negative-feedback' }], archivedAt: null, createdAt: toIso(now),
  })
  await store.addQueueItems(projectId, id, await store.traceIdsMatching(projectId, { feedback: 'negative' }, undefined, 10_000), now)
  return id
}
