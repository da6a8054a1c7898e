import { feedbackPolarity, parseTraceListQuery } from '@sightline/core'
import type { IngestWrite, Store } from '../store/types'
import { scheduleEvaluations } from './eval-schedule'
import { sampled } from './sampling'

/**
 * Queue rules for what a write touched: traces that got negative end-user feedback, traces an
 * evaluator just scored, and traces that match a rule's filter now (re-checked as spans arrive, so a trace that turns into an error
 * later still lands). A trace enters a queue at most once.
 */
export async function applyQueueRules(store: Store, projectId: string, write: IngestWrite, now: number): Promise<void> {
  const queues = (await store.listQueues(projectId)).filter((q) => !q.archivedAt && q.rules.length)
  if (!queues.length) return
  const evalScored = (evaluatorId: string) => [
    ...new Set(write.scores.filter((s) => s.source === 'eval' && s.authorId === evaluatorId).map((s) => s.traceId)),
  ]
  const negative = [...new Set(write.scores.filter((s) => s.source === 'feedback' && feedbackPolarity(s) === -1).map((s) => s.traceId))]
  const touched = [...new Set([...write.traces.map((t) => t.id), ...write.spans.map((s) => s.traceId)])]
  for (const queue of queues) {
    const add = new Set<string>()
    for (const rule of queue.rules) {
      if (rule.kind === 'negative-feedback') {
        if (negative.length) for (const id of await store.traceIdsMatching(projectId, {}, negative, negative.length)) add.add(id)
      } else if (rule.kind === 'evaluator') {
        for (const id of evalScored(rule.evaluatorId)) if (sampled(queue.id, id, rule.sampleRate ?? 1)) add.add(id)
      } else if (touched.length) {
        const parsed = parseTraceListQuery(rule.filter)
        if (!parsed.success) continue
        const { sort: _s, limit: _l, cursor: _c, ...filters } = parsed.data
        for (const id of await store.traceIdsMatching(projectId, filters, touched, touched.length))
          if (sampled(queue.id, id, rule.sampleRate ?? 1)) add.add(id)
      }
    }
    if (add.size) await store.addQueueItems(projectId, queue.id, [...add], now)
  }
}

/** Every write path (ingest, scores, feedback, OTLP, reviews, evaluators) goes through here. */
export async function writeBatch(store: Store, projectId: string, write: IngestWrite, now: number): Promise<void> {
  await store.ingest(projectId, write, now)
  await applyQueueRules(store, projectId, write, now)
  await scheduleEvaluations(store, projectId, write, now)
}
