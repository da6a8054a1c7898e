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
