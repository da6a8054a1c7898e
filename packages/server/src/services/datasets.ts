import { randomUUID } from 'node:crypto'
import {
  type addDatasetItemsSchema,
  type datasetInputSchema,
  type datasetItemPatchSchema,
  type JsonValue,
  type Score,
  toIso,
  type TraceDetail,
} from '@sightline/core'
import type { z } from 'zod'
import { ApiHttpError, notFound } from '../http-errors'
import type { DatasetItemWrite, Store } from '../store/types'
import { queueFilters } from './queues'

type DatasetInput = z.output<typeof datasetInputSchema>
type AddItems = z.output<typeof addDatasetItemsSchema>
type ItemPatch = z.output<typeof datasetItemPatchSchema>

export async function createDataset(store: Store, projectId: string, input: DatasetInput, now: number) {
  const at = toIso(now)
  const record = {
    id: randomUUID(),
    name: input.name,
    description: input.description ?? null,
    metadata: input.metadata ?? null,
    version: 0,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
  }
  await store.createDataset(projectId, record)
  return { ...record, itemCount: 0 }
}

export async function findDataset(store: Store, projectId: string, id: string, { open = false } = {}) {
  const dataset = await store.getDataset(projectId, id)
  if (!dataset) throw notFound('dataset')
  if (open && dataset.archivedAt) throw new ApiHttpError(409, 'conflict', `dataset ${id} is archived`)
  return dataset
}

/** A reviewer's score comment they marked as the expected answer (`metadata.expectedAnswer: true`). */
const markedAnswer = (s: Score) => s.source === 'human' && s.comment != null && s.metadata?.expectedAnswer === true

/**
 * What a trace should have answered: the newest correction (an end user's or a reviewer's), else
 * the newest reviewer comment marked as the expected answer, else the trace's own output.
 */
export function expectedAnswer(detail: TraceDetail): JsonValue | null {
  const newest = (list: Score[]) => [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]
  const corrected = newest(detail.scores.filter((s) => s.correction != null))
  if (corrected) return corrected.correction
  const marked = newest(detail.scores.filter(markedAnswer))
  if (marked) return marked.comment
  return detail.trace.output
}

/** Items from traces: the trace's input, its expected answer, and its id (as item id and source). */
async function itemsFromTraces(store: Store, projectId: string, from: NonNullable<AddItems['fromTraces']>): Promise<DatasetItemWrite[]> {
  const ids = from.filter
    ? await store.traceIdsMatching(projectId, queueFilters(from.filter, ['fromTraces', 'filter']), from.traceIds, from.limit)
    : await store.traceIdsMatching(projectId, {}, from.traceIds!, from.traceIds!.length)
  const items: DatasetItemWrite[] = []
  for (const id of ids) {
    const detail = await store.getTrace(projectId, id)
    if (!detail) continue
    items.push({ id, input: detail.trace.input, expectedOutput: expectedAnswer(detail), metadata: null, sourceTraceId: id })
  }
  return items
}

/** Adds items (and traces as items) in one new version. */
export async function addItems(store: Store, projectId: string, datasetId: string, body: AddItems, now: number) {
  await findDataset(store, projectId, datasetId, { open: true })
  const given: DatasetItemWrite[] = (body.items ?? []).map((i) => ({
    id: i.id ?? randomUUID(),
    input: i.input,
    expectedOutput: i.expectedOutput ?? null,
    metadata: i.metadata ?? null,
    sourceTraceId: null,
  }))
  const fromTraces = body.fromTraces ? await itemsFromTraces(store, projectId, body.fromTraces) : []
  const put = [...given, ...fromTraces]
  if (!put.length) return { added: 0, version: (await findDataset(store, projectId, datasetId)).version }
  const { version, added } = await store.changeDatasetItems(projectId, datasetId, { put, remove: [] }, now)
  return { added, version }
}

async function currentItem(store: Store, projectId: string, datasetId: string, itemId: string) {
  const [item] = await store.getDatasetItems(projectId, datasetId, [itemId])
  if (!item) throw notFound('dataset item')
  return item
}

/** Changes one item in a new version. */
export async function updateItem(store: Store, projectId: string, datasetId: string, itemId: string, patch: ItemPatch, now: number) {
  await findDataset(store, projectId, datasetId, { open: true })
  const item = await currentItem(store, projectId, datasetId, itemId)
  const next: DatasetItemWrite = {
    id: item.id,
    input: patch.input === undefined ? item.input : patch.input,
    expectedOutput: patch.expectedOutput === undefined ? item.expectedOutput : patch.expectedOutput,
    metadata: patch.metadata === undefined ? item.metadata : patch.metadata,
    sourceTraceId: item.sourceTraceId,
  }
  const { version } = await store.changeDatasetItems(projectId, datasetId, { put: [next], remove: [] }, now)
  return { ...next, datasetId, version, createdAt: toIso(now), datasetVersion: version }
}

/** Archives one item in a new version; older versions keep it. */
export async function archiveItem(store: Store, projectId: string, datasetId: string, itemId: string, now: number) {
  await findDataset(store, projectId, datasetId, { open: true })
  await currentItem(store, projectId, datasetId, itemId)
  const { version } = await store.changeDatasetItems(projectId, datasetId, { put: [], remove: [itemId] }, now)
  return { version }
}
