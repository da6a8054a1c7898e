import type { DatasetItem } from '@sightline/core'
import { addItems, createDataset } from '../services/datasets'
import { createEvaluator } from '../services/evaluators'
import { createExperiment, postResults } from '../services/experiments'
import type { Store } from '../store/types'
import { fakeComplete, hashString } from './fake-model'

export const DEMO_DATASET_NAME = 'Thumbs-down answers'

/** What the demo's two prompts answer: v1 mostly the expected answer, v2 often gives up. */
function demoAnswer(version: 'v1' | 'v2', item: DatasetItem, repetition: number): string {
  const roll = hashString(`${version}:${item.id}:${repetition}`) % 100
  const expected = typeof item.expectedOutput === 'string' ? item.expectedOutput : null
  if (version === 'v1') return expected && roll < 75 ? expected : fakeComplete(`${JSON.stringify(item.input)} ${repetition}`).text
  return roll < 35 ? "I don't know." : fakeComplete(`${JSON.stringify(item.input)} v2 ${repetition}`).text
}

/**
 * The demo's evaluation loop: a dataset made from the traces end users disliked, and two runs of
 * the fake model over it (the second prompt worse), scored by a similarity check and the demo's
 * judge, so the compare view has something to say. Made once, by the dataset's name.
 */
export async function ensureDemoExperiments(store: Store, projectId: string, now: number): Promise<void> {
  if ((await store.listDatasets(projectId, { limit: 100 })).data.some((d) => d.name === DEMO_DATASET_NAME)) return
  const dataset = await createDataset(
    store,
    projectId,
    { name: DEMO_DATASET_NAME, description: 'Answers end users gave a thumbs-down, with their corrections' },
    now,
  )
  const { added } = await addItems(store, projectId, dataset.id, { fromTraces: { filter: { feedback: 'negative' }, limit: 40 } }, now)
  if (!added) return
  const similar = await createEvaluator(
    store,
    projectId,
    {
      name: 'Similar to the expected answer',
      kind: 'levenshtein',
      config: {},
      target: 'trace',
      sampleRate: 1,
      delaySeconds: 0,
      active: false,
    },
    now,
  )
  const judge = (await store.listEvaluators(projectId)).find((e) => e.kind === 'llm-judge')
  const items = (await store.listDatasetItems(projectId, dataset.id, { limit: 1000 })).data
  // As if they ran yesterday: their traces stay out of the way of the newest traffic in the trace table.
  const ranAt = now - 26 * 3_600_000
  for (const [version, name] of [
    ['v1', 'Support bot · prompt v1'],
    ['v2', 'Support bot · prompt v2 (shorter)'],
  ] as const) {
    const e = await createExperiment(
      store,
      projectId,
      {
        name,
        datasetId: dataset.id,
        metadata: { model: 'demo-model', prompt: version },
        evaluatorIds: [similar.id, ...(judge ? [judge.id] : [])],
        repetitions: 2,
      },
      ranAt,
    )
    const record = (await store.getExperiment(projectId, e.id))!
    const results = items.flatMap((item) =>
      [0, 1].map((repetition) => {
        const completion = fakeComplete(`${version}:${item.id}:${repetition}`)
        return {
          itemId: item.id,
          repetition,
          output: demoAnswer(version, item, repetition),
          latencyMs: completion.latencyMs,
          cost: completion.outputTokens * 6e-7,
          scores: [],
        }
      }),
    )
    await postResults(store, projectId, record, { results }, ranAt)
  }
}
