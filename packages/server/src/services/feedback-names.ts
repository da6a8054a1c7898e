import {
  FEEDBACK_DEFAULT_NAME,
  inferScoreDataType,
  scoreConfigViolation,
  userFeedbackIssue,
  type ApiIssue,
  type ScoreConfig,
  type ScoreDataType,
  type ScoreValue,
} from '@sightline/core'
import { ApiHttpError } from '../http-errors'
import type { Store } from '../store/types'
import { invalid } from '../validation'

/**
 * A name end users may score: the built-in `user_feedback`, or one a score config declares with
 * `feedback: true`. The declaration, never the first value sent, decides what the name takes.
 */
export type FeedbackName = { builtIn: true } | { builtIn: false; config: ScoreConfig }

/** Score sources besides end users. A name any of them writes belongs to them. */
const OTHER_SOURCES = ['human', 'eval', 'api'] as const

/** How end users may score `name`: 400 when it is not declared, 403 when reviewers or evaluators own it. */
export async function feedbackName(store: Store, projectId: string, name: string): Promise<FeedbackName> {
  if (name === FEEDBACK_DEFAULT_NAME) return { builtIn: true }
  const config = (await store.listScoreConfigs(projectId)).find((c) => c.name === name)
  if (!config)
    throw invalid(['name'], `${name} is not a feedback name: declare it with POST /api/v1/score-configs { name, dataType, feedback: true }`)
  if (!config.feedback) throw new ApiHttpError(403, 'forbidden', `${name} is scored by reviewers or evaluators, not by end users`)
  if (config.archivedAt) throw invalid(['name'], `${name} is archived and takes no new feedback`)
  return { builtIn: false, config }
}

/** The data type a feedback value is stored with, or why the declaration refuses it. */
export function feedbackValue(
  declared: FeedbackName,
  value: ScoreValue,
  metadata: Record<string, unknown> | null | undefined,
): { dataType: ScoreDataType } | { issue: ApiIssue } {
  if (declared.builtIn) {
    const issue = userFeedbackIssue(value, metadata)
    return issue ? { issue } : { dataType: inferScoreDataType(value) }
  }
  const violation = scoreConfigViolation(declared.config, value)
  return violation ? { issue: { path: ['value'], message: violation } } : { dataType: declared.config.dataType }
}

/**
 * Why `config` cannot be declared a feedback name, or null: `user_feedback` is built in, and a
 * queue's rubric or a name other sources already write stays theirs.
 */
export async function feedbackNameConflict(
  store: Store,
  projectId: string,
  config: Pick<ScoreConfig, 'name'> & { id?: string },
): Promise<string | null> {
  if (config.name === FEEDBACK_DEFAULT_NAME) return `${FEEDBACK_DEFAULT_NAME} is built in`
  const queue = config.id && (await store.listQueues(projectId)).find((q) => q.scoreConfigIds.includes(config.id!))
  if (queue) return `${config.name} is a rubric of queue ${queue.name}: reviewers score it`
  for (const source of OTHER_SOURCES)
    if ((await store.listScores(projectId, { name: config.name, source, limit: 1 })).data.length)
      return `${config.name} already holds ${source} scores`
  return null
}
