import { randomUUID } from 'node:crypto'
import {
  describeIssues,
  type ingestBatchSchema,
  scoreInputSchema,
  spanInputSchema,
  toApiIssues,
  traceInputSchema,
  type IngestItemKind,
  type IngestResult,
} from '@sightline/core'
import type { z } from 'zod'
import type { IngestWrite, Store } from '../store/types'
import { writeBatch } from './write'

type Envelope = z.output<typeof ingestBatchSchema>

/** Checks each item on its own: good items are written, bad ones reported with their index. */
export function validateBatch(batch: Envelope): { write: IngestWrite; result: IngestResult } {
  const write: IngestWrite = { traces: [], spans: [], scores: [] }
  const result: IngestResult = { accepted: 0, rejected: [] }

  function each<S extends z.ZodType>(kind: IngestItemKind, items: unknown[] | undefined, schema: S, push: (v: z.output<S>) => void) {
    items?.forEach((item, index) => {
      const parsed = schema.safeParse(item)
      if (parsed.success) {
        push(parsed.data)
        result.accepted++
      } else {
        const id = (item as { id?: unknown } | null)?.id
        result.rejected.push({
          kind,
          index,
          ...(typeof id === 'string' ? { id } : {}),
          error: describeIssues(toApiIssues(parsed.error)),
        })
      }
    })
  }

  each('trace', batch.traces, traceInputSchema, (t) => write.traces.push(t))
  each('span', batch.spans, spanInputSchema, (s) => write.spans.push(s))
  each('score', batch.scores, scoreInputSchema, (s) => write.scores.push({ ...s, id: s.id ?? randomUUID() }))
  return { write, result }
}

export async function ingestBatch(store: Store, projectId: string, batch: Envelope, now: number): Promise<IngestResult> {
  const { write, result } = validateBatch(batch)
  if (result.accepted) await writeBatch(store, projectId, write, now)
  return result
}
