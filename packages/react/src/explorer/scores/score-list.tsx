import { feedbackPolarity, type JsonValue, type Score, type ScoreSource } from '@sightline/core'
import { formatTime } from '../../format/format'
import { cx } from '../../utils/cx'
import { Hint } from '../../utils/hint'
import { PayloadView } from '../content/payload-view'

const SOURCES: Record<ScoreSource, string> = {
  feedback: 'End-user feedback',
  human: 'Reviewer',
  api: 'API',
  eval: 'Evaluator',
}

/** Who gave the score: an evaluator by its name (kept in the score's metadata), anyone else by id. */
function authorOf(score: Score): string | null {
  const name = score.source === 'eval' ? score.metadata?.evaluator : undefined
  return typeof name === 'string' ? name : score.authorId
}

function reasonsOf(metadata: Record<string, JsonValue> | null): string[] {
  const reasons = metadata?.reasons
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : []
}

type ScoreShown = Pick<Score, 'value' | 'metadata'> & { source?: ScoreSource | undefined }

/** A score value as a reader takes it in: thumbs as Helpful / Not helpful, other booleans as Yes / No, ratings as "4 of 5". */
export function scoreText(score: ScoreShown): string {
  const scale = score.metadata?.scale as { max?: unknown } | undefined
  if (typeof score.value === 'boolean' && score.source !== undefined && score.source !== 'feedback') return score.value ? 'Yes' : 'No'
  if (typeof score.value === 'boolean') return score.value ? 'Helpful' : 'Not helpful'
  if (typeof score.value === 'number' && typeof scale?.max === 'number') return `${score.value} of ${scale.max}`
  return String(score.value)
}

export function ScoreValue({ score }: { score: ScoreShown }) {
  // Thumbs are drawn for end users' votes only: an evaluator's `true` may mean "PII found".
  const polarity = score.source === undefined || score.source === 'feedback' ? feedbackPolarity(score) : null
  return (
    <span className="sl-score__value" data-polarity={polarity ?? undefined}>
      {polarity === 1 && <span className="sl-feedback__up" aria-hidden="true" />}
      {polarity === -1 && <span className="sl-feedback__down" aria-hidden="true" />}
      {scoreText(score)}
    </span>
  )
}

export interface ScoreListProps {
  scores: readonly Score[]
  /** accessible name of the list */
  label?: string | undefined
  emptyMessage?: string | undefined
  locale?: string | undefined
  timeZone?: string | undefined
  className?: string | undefined
}

/** Scores with their source, author, reasons, comment and correction; all text is untrusted. */
export function ScoreList({ scores, label = 'Scores', emptyMessage = 'No scores yet.', locale, timeZone, className }: ScoreListProps) {
  if (scores.length === 0) return <p className={cx('sl-muted', className)}>{emptyMessage}</p>
  return (
    <ul className={cx('sl-scores', className)} aria-label={label}>
      {scores.map((score) => {
        const reasons = reasonsOf(score.metadata)
        return (
          <li key={score.id} className="sl-score" data-score-id={score.id} data-source={score.source}>
            <div className="sl-score__head">
              <ScoreValue score={score} />
              <span className="sl-muted">
                {score.name} · {SOURCES[score.source] ?? score.source}
                {authorOf(score) ? ` · ${authorOf(score)}` : ''}
              </span>
            </div>
            {reasons.length > 0 && (
              <ul className="sl-score__reasons" aria-label="Reasons">
                {reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
            {score.comment &&
              (score.source === 'eval' ? (
                <p className="sl-score__comment">
                  <span className="sl-muted">Reasoning: </span>
                  {score.comment}
                </p>
              ) : (
                <p className="sl-score__comment">“{score.comment}”</p>
              ))}
            {score.correction != null && (
              <div className="sl-score__correction">
                <span className="sl-muted">Should have been:</span>
                <PayloadView value={score.correction} label="Correction" />
              </div>
            )}
            <time className="sl-muted sl-score__time" dateTime={score.updatedAt}>
              {formatTime(score.updatedAt, { locale, timeZone })}
            </time>
          </li>
        )
      })}
    </ul>
  )
}

export interface FeedbackCounts {
  positive: number
  negative: number
  neutral: number
}

/** End-user feedback of some scores, counted by polarity. */
export function countFeedback(scores: readonly Score[]): FeedbackCounts {
  const counts = { positive: 0, negative: 0, neutral: 0 }
  for (const s of scores) {
    if (s.source !== 'feedback') continue
    const p = feedbackPolarity(s)
    if (p === 1) counts.positive++
    else if (p === -1) counts.negative++
    else counts.neutral++
  }
  return counts
}

/** "👍 3 👎 1" with the kit's thumb icons and a readable label; nothing when there is no feedback. */
export function FeedbackSummary({ scores }: { scores: readonly Score[] }) {
  const { positive, negative, neutral } = countFeedback(scores)
  if (positive + negative + neutral === 0) return <span className="sl-muted">—</span>
  const label = [positive && `${positive} helpful`, negative && `${negative} not helpful`, neutral && `${neutral} neutral`]
    .filter(Boolean)
    .join(', ')
  return (
    <span className="sl-feedback-summary">
      <span className="sl-visually-hidden">{label}</span>
      <Hint text={label}>
        <span aria-hidden="true">
          {positive > 0 && (
            <span className="sl-feedback-summary__item" data-polarity="1">
              <span className="sl-feedback__up" /> {positive}
            </span>
          )}
          {negative > 0 && (
            <span className="sl-feedback-summary__item" data-polarity="-1">
              <span className="sl-feedback__down" /> {negative}
            </span>
          )}
          {neutral > 0 && <span className="sl-feedback-summary__item">· {neutral}</span>}
        </span>
      </Hint>
    </span>
  )
}
