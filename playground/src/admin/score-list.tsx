import { feedbackPolarity, type JsonValue, type Score, type ScoreSource } from '@sightline/core'
import { formatTime } from '@sightline/react'

const SOURCES: Record<ScoreSource, string> = {
  feedback: 'End-user feedback',
  human: 'Reviewer',
  api: 'API',
  evaluator: 'Evaluator',
}


function reasonsOf(metadata: Record<string, JsonValue> | null): string[] {
  const reasons = metadata?.reasons
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : []
}

/** The value as a reader takes it in: thumbs as Helpful / Not helpful, ratings as "4 of 5". */
function ScoreValue({ score }: { score: Score }) {
  const polarity = feedbackPolarity(score)
  const scale = score.metadata?.scale as { max?: unknown } | undefined
  let text: string
  if (typeof score.value === 'boolean') text = score.value ? 'Helpful' : 'Not helpful'
  else if (typeof score.value === 'number' && typeof scale?.max === 'number') text = `${score.value} of ${scale.max}`
  else text = String(score.value)
  return (
    <span className="pg-score__value" data-polarity={polarity ?? undefined}>
      {/* The kit's thumb icons: emoji fonts are missing on some systems. */}
      {polarity === 1 && <span className="sl-feedback__up" aria-hidden="true" />}
      {polarity === -1 && <span className="sl-feedback__down" aria-hidden="true" />}
      {text}
    </span>
  )
}

/** A trace's scores; end-user feedback shows its reasons and comment. */
export function ScoreList({ scores }: { scores: readonly Score[] }) {
  if (scores.length === 0) return <p className="sl-muted">No scores yet.</p>
  return (
    <ul className="pg-scores" aria-label="Scores">
      {scores.map((score) => {
        const reasons = reasonsOf(score.metadata)
        return (
          <li key={score.id} className="pg-score" data-score-id={score.id} data-source={score.source}>
            <div className="pg-score__head">
              <ScoreValue score={score} />
              <span className="sl-muted">
                {score.name} · {SOURCES[score.source]}
                {score.authorId ? ` · ${score.authorId}` : ''}
              </span>
            </div>
            {reasons.length > 0 && (
              <ul className="pg-score__reasons" aria-label="Reasons">
                {reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
            {score.comment && <p className="pg-score__comment">“{score.comment}”</p>}
            {score.correction != null && (
              <p className="pg-score__comment">
                Should have been: {typeof score.correction === 'string' ? score.correction : JSON.stringify(score.correction)}
              </p>
            )}
            <time className="sl-muted pg-score__time" dateTime={score.updatedAt}>
              {formatTime(score.updatedAt)}
            </time>
          </li>
        )
      })}
    </ul>
  )
}
