import type { CompareItem, ExperimentCompare as ExperimentCompareData, JsonValue, ScoreComparison } from '@sightline/core'
import { LoadMore } from '../utils/load-more'
import { useId, useMemo, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { formatCost, formatCount, formatLatency } from '../format/format'
import { cx } from '../utils/cx'
import { ErrorAlert } from '../utils/error-alert'
import { SelectMenu } from '../utils/select-menu'
import { useControllableState } from '../utils/use-controllable-state'
import {
  formatMean,
  formatPValue,
  formatSigned,
  intervalSide,
  missingText,
  readComparison,
  type ComparisonReading,
  type FormatDifference,
} from './compare-reading'
import { valueText } from './value-text'
import { wordDiff, type DiffPart } from './word-diff'

type Comparison = Omit<ScoreComparison, 'name'>

const MINUS = '\u2212'
/** A figure's format with its sign in front: +470 ms, −$0.0012. */
const signed =
  (format: (value: number) => string): FormatDifference =>
  (value) =>
    `${value > 0 ? '+' : value < 0 ? MINUS : '±'}${format(Math.abs(value))}`
const signedLatency = signed(formatLatency)
const signedCost = signed(formatCost)

// ——— CI bar ———

export interface CiBarProps {
  ci95: readonly [number, number] | null
  delta: number | null
  /** better / worse / same, for the colour */
  verdict: ComparisonReading['verdict']
  format?: FormatDifference | undefined
}

const W = 120
const H = 16
const MID = W / 2

/**
 * The 95 % interval of candidate − base as a bar around a zero line, the difference as a dot:
 * wholly right of the line is above 0, wholly left below. `data-side` and `data-verdict` colour it.
 */
export function CiBar({ ci95, delta, verdict, format = (v) => formatSigned(v) }: CiBarProps) {
  if (!ci95) return <span className="sl-muted">no interval</span>
  const [lo, hi] = ci95
  const extent = Math.max(Math.abs(lo), Math.abs(hi), Math.abs(delta ?? 0)) * 1.15 || 1
  const x = (v: number) => MID + (v / extent) * (MID - 4)
  const side = intervalSide(ci95)
  const where = side === 'above' ? 'entirely above 0' : side === 'below' ? 'entirely below 0' : 'contains 0'
  return (
    <svg
      className="sl-ci-bar"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`95 % interval ${format(lo)} to ${format(hi)}, ${where}`}
      data-side={side}
      data-verdict={verdict}
    >
      <line className="sl-ci-bar__zero" x1={MID} x2={MID} y1={1} y2={H - 1} />
      <rect className="sl-ci-bar__interval" x={x(lo)} y={H / 2 - 3} width={Math.max(1, x(hi) - x(lo))} height={6} rx={3} />
      {delta !== null && <circle className="sl-ci-bar__delta" cx={x(delta)} cy={H / 2} r={3.5} />}
    </svg>
  )
}

// ——— Summary ———

export interface ExperimentCompareSummaryProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  compare: ExperimentCompareData
  /** scores where a drop is an improvement (error rates, toxicity) */
  lowerIsBetter?: readonly string[] | undefined
}

interface SummaryRow {
  key: string
  label: string
  comparison: Comparison
  reading: ComparisonReading
  mean: (value: number | null) => string
  difference: FormatDifference
}

function summaryRows(compare: ExperimentCompareData, lowerIsBetter: readonly string[]): SummaryRow[] {
  return [
    ...compare.scores.map((s) => ({
      key: `score:${s.name}`,
      label: s.name,
      comparison: s,
      reading: readComparison(s, { label: s.name, lowerIsBetter: lowerIsBetter.includes(s.name) }),
      mean: formatMean,
      difference: (v: number) => formatSigned(v),
    })),
    {
      key: 'latency',
      label: 'latency',
      comparison: compare.latencyMs,
      reading: readComparison(compare.latencyMs, { label: 'latency', lowerIsBetter: true, format: signedLatency }),
      mean: formatLatency,
      difference: signedLatency,
    },
    {
      key: 'cost',
      label: 'cost',
      comparison: compare.cost,
      reading: readComparison(compare.cost, { label: 'cost', lowerIsBetter: true, format: signedCost }),
      mean: formatCost,
      difference: signedCost,
    },
  ]
}

/** Per score (then latency and cost): both means, the difference with its interval, p-value, item counts and what is missing. */
function Summary({ compare, lowerIsBetter = [], className, ...rest }: ExperimentCompareSummaryProps) {
  const captionId = useId()
  const rows = useMemo(() => summaryRows(compare, lowerIsBetter), [compare, lowerIsBetter])
  return (
    <div {...rest} className={cx('sl-experiment-compare__summary', className)}>
      <ul className="sl-experiment-compare__readings" aria-label="Reading">
        {rows.map((row) => (
          <li key={row.key} data-verdict={row.reading.verdict}>
            {row.reading.text}
          </li>
        ))}
      </ul>
      <div className="sl-experiment-compare__scroll">
        <table className="sl-table sl-experiment-compare__table" aria-describedby={captionId}>
          <caption id={captionId} className="sl-experiment-compare__caption">
            Candidate − base over {formatCount(compare.items)} paired items
          </caption>
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col" className="sl-num">
                Base
              </th>
              <th scope="col" className="sl-num">
                Candidate
              </th>
              <th scope="col" className="sl-num">
                Delta
              </th>
              <th scope="col">95 % CI</th>
              <th scope="col" className="sl-num">
                p
              </th>
              <th scope="col" className="sl-num">
                Improved
              </th>
              <th scope="col" className="sl-num">
                Regressed
              </th>
              <th scope="col" className="sl-num">
                Unchanged
              </th>
              <th scope="col">Missing</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, label, comparison: c, reading, mean, difference }) => (
              <tr key={key} data-verdict={reading.verdict}>
                <th scope="row">{label}</th>
                <td className="sl-num">{mean(c.base.mean)}</td>
                <td className="sl-num">{mean(c.candidate.mean)}</td>
                <td className="sl-num sl-experiment-compare__delta">{c.delta === null ? '—' : difference(c.delta)}</td>
                <td>
                  <CiBar ci95={c.ci95} delta={c.delta} verdict={reading.verdict} format={difference} />
                </td>
                <td className="sl-num">{formatPValue(c.pValue)}</td>
                <td className="sl-num">{formatCount(c.improved)}</td>
                <td className="sl-num">{formatCount(c.regressed)}</td>
                <td className="sl-num">{formatCount(c.unchanged)}</td>
                <td className="sl-experiment-compare__missing" data-missing={c.missing.base + c.missing.candidate > 0 || undefined}>
                  {missingText(c.missing)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

// ——— Items ———

export interface ExperimentCompareItemsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** for the score names and both sides' names */
  compare: ExperimentCompareData
  items?: readonly CompareItem[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the score items are judged by (controlled); the first score without it */
  score?: string | null | undefined
  defaultScore?: string | null | undefined
  onScoreChange?: ((score: string) => void) | undefined
  /** only items that got worse beyond run-to-run noise (controlled) */
  regressionsOnly?: boolean | undefined
  defaultRegressionsOnly?: boolean | undefined
  onRegressionsOnlyChange?: ((regressionsOnly: boolean) => void) | undefined
  hasMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  loadingMore?: boolean | undefined
  headingLevel?: 3 | 4 | 5 | undefined
}

const CHANGE_LABELS: Record<CompareItem['change'], string> = {
  improved: 'Improved',
  regressed: 'Regressed',
  unchanged: 'Unchanged',
  missing: 'Missing',
}

/** The items of a comparison: a score picker, "Regressions only", and each item's outputs side by side with a word diff. */
function Items(props: ExperimentCompareItemsProps) {
  const {
    compare,
    items,
    loading = false,
    error = null,
    onRetry,
    score: scoreProp,
    defaultScore = null,
    onScoreChange,
    regressionsOnly: regressionsOnlyProp,
    defaultRegressionsOnly = false,
    onRegressionsOnlyChange,
    hasMore = false,
    onLoadMore,
    loadingMore = false,
    headingLevel = 3,
    className,
    ...rest
  } = props
  const [scoreState, setScore] = useControllableState<string | null>({
    prop: scoreProp,
    defaultProp: defaultScore,
    onChange: (next) => next !== null && onScoreChange?.(next),
  })
  const [regressionsOnly, setRegressionsOnly] = useControllableState<boolean>({
    prop: regressionsOnlyProp,
    defaultProp: defaultRegressionsOnly,
    onChange: onRegressionsOnlyChange,
  })
  const titleId = useId()
  const scoreId = useId()
  const Heading = `h${headingLevel}` as const
  const names = compare.scores.map((s) => s.name)
  const score = scoreState ?? names[0] ?? null
  const state = items ? (items.length ? 'ready' : 'empty') : error ? 'error' : loading ? 'loading' : 'empty'

  return (
    <div {...rest} className={cx('sl-experiment-compare__items', className)} data-state={state}>
      <div className="sl-experiment-compare__items-header">
        <Heading id={titleId} className="sl-experiment-compare__subtitle">
          Items
        </Heading>
        {names.length > 0 && (
          <div className="sl-experiment-compare__control">
            <label htmlFor={scoreId}>Judged by</label>
            <SelectMenu id={scoreId} value={score ?? ''} onValueChange={setScore} options={names.map((n) => ({ value: n, label: n }))} />
          </div>
        )}
        <label className="sl-experiment-compare__control">
          <input type="checkbox" checked={regressionsOnly} onChange={(e) => setRegressionsOnly(e.target.checked)} /> Regressions only
        </label>
      </div>
      {state === 'loading' ? (
        <p role="status">Loading items…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what="Could not load the items" error={error!} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <p className="sl-muted">
          {regressionsOnly
            ? `No regressions${score ? ` on ${score}` : ''}: no item got worse by more than the run-to-run noise.`
            : 'No items with results yet.'}
        </p>
      ) : (
        <>
          <ol className="sl-experiment-compare__item-list" aria-labelledby={titleId}>
            {items!.map((item) => (
              <li key={item.itemId}>
                <CompareItemView item={item} compare={compare} score={score} headingLevel={Math.min(6, headingLevel + 1) as 4 | 5 | 6} />
              </li>
            ))}
          </ol>
          <LoadMore hasMore={hasMore} loadingMore={loadingMore} onLoadMore={onLoadMore} />
          {error && <ErrorAlert className="sl-error-text" what="Could not load more items" error={error} onRetry={onRetry} />}
        </>
      )}
    </div>
  )
}

type Side = NonNullable<CompareItem['base']>

function CompareItemView({
  item,
  compare,
  score,
  headingLevel,
}: {
  item: CompareItem
  compare: ExperimentCompareData
  score: string | null
  headingLevel: 4 | 5 | 6
}) {
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  const runs = Math.max(item.base?.outputs.length ?? 0, item.candidate?.outputs.length ?? 0)
  // Repetition i of one side against repetition i of the other.
  const diffs = useMemo(
    () =>
      Array.from({ length: runs }, (_, i) => {
        const before = item.base?.outputs[i]
        const after = item.candidate?.outputs[i]
        return before != null && after != null ? wordDiff(valueText(before), valueText(after)) : null
      }),
    [item, runs],
  )
  return (
    <article className="sl-compare-item" aria-labelledby={titleId} data-change={item.change}>
      <header className="sl-compare-item__header">
        <Heading id={titleId} className="sl-compare-item__title">
          Item <code>{item.itemId}</code>
        </Heading>
        <span className="sl-badge sl-compare-item__change" data-change={item.change}>
          {CHANGE_LABELS[item.change]}
        </span>
        {item.difference !== null && score && (
          <span className="sl-compare-item__difference">
            {formatSigned(item.difference)} on {score}
          </span>
        )}
      </header>
      <div className="sl-compare-item__given">
        <Labelled label="Input">
          <Text value={item.input} />
        </Labelled>
        <Labelled label="Expected output">
          {item.expectedOutput === null ? <span className="sl-muted">none</span> : <Text value={item.expectedOutput} />}
        </Labelled>
      </div>
      <div className="sl-compare-item__sides">
        <SideView label={`Base: ${compare.base.name}`} side={item.base} diffs={diffs} keep="removed" score={score} />
        <SideView label={`Candidate: ${compare.candidate.name}`} side={item.candidate} diffs={diffs} keep="added" score={score} />
      </div>
    </article>
  )
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sl-compare-item__labelled">
      <div className="sl-compare-item__label">{label}</div>
      {children}
    </div>
  )
}

function Text({ value }: { value: JsonValue | null }) {
  return (
    <div className="sl-compare-item__text" data-format={typeof value === 'string' ? 'text' : 'json'}>
      {valueText(value)}
    </div>
  )
}

function DiffText({ parts, keep }: { parts: readonly DiffPart[]; keep: 'added' | 'removed' }) {
  return (
    <div className="sl-compare-item__text">
      {parts.map((part, i) =>
        part.type === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.type !== keep ? null : keep === 'added' ? (
          <ins key={i}>{part.text}</ins>
        ) : (
          <del key={i}>{part.text}</del>
        ),
      )}
    </div>
  )
}

function SideView({
  label,
  side,
  diffs,
  keep,
  score,
}: {
  label: string
  side: Side | null
  diffs: readonly (DiffPart[] | null)[]
  keep: 'added' | 'removed'
  score: string | null
}) {
  const labelId = useId()
  return (
    <div role="group" className="sl-compare-item__side" aria-labelledby={labelId} data-side={keep === 'added' ? 'candidate' : 'base'}>
      <div id={labelId} className="sl-compare-item__label">
        {label}
      </div>
      {!side ? (
        <p className="sl-compare-item__none">No result on this side.</p>
      ) : (
        <>
          <ol className="sl-compare-item__runs">
            {side.outputs.map((output, i) => {
              const parts = diffs[i]
              return (
                <li key={i}>
                  {side.outputs.length > 1 && <span className="sl-compare-item__run sl-muted">Run {i + 1}</span>}
                  {output === null ? (
                    <span className="sl-muted">no output</span>
                  ) : parts ? (
                    <DiffText parts={parts} keep={keep} />
                  ) : (
                    <Text value={output} />
                  )}
                </li>
              )
            })}
          </ol>
          {side.errors.length > 0 && (
            <ul className="sl-compare-item__errors" aria-label="Errors">
              {side.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
          {Object.keys(side.scores).length > 0 ? (
            <dl className="sl-compare-item__scores">
              {Object.entries(side.scores).map(([name, mean]) => (
                <div key={name} data-current={name === score || undefined}>
                  <dt>{name}</dt>
                  <dd>{formatMean(mean)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="sl-muted sl-compare-item__none">No scores.</p>
          )}
        </>
      )}
    </div>
  )
}

// ——— Root ———

export interface ExperimentCompareProps
  extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title'>,
    Pick<
      ExperimentCompareItemsProps,
      'score' | 'defaultScore' | 'onScoreChange' | 'regressionsOnly' | 'defaultRegressionsOnly' | 'onRegressionsOnlyChange'
    > {
  compare?: ExperimentCompareData | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** the items loaded so far (of the score and filter shown) */
  items?: readonly CompareItem[] | undefined
  itemsLoading?: boolean | undefined
  itemsError?: Error | string | null | undefined
  onItemsRetry?: (() => void) | undefined
  hasMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  loadingMore?: boolean | undefined
  /** scores where a drop is an improvement (error rates, toxicity) */
  lowerIsBetter?: readonly string[] | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * Two experiments compared: per score the means, the paired difference with its 95 % interval as
 * a bar, p-value, improved / regressed / unchanged counts and what is missing, read out in plain
 * words; latency and cost the same way. Below, item by item, both sides' outputs (every
 * repetition) with a word diff and their scores. Data from props (see `ConnectedExperimentCompare`);
 * `ExperimentCompare.Summary` and `ExperimentCompare.Items` place the two halves apart.
 */
function ExperimentCompareRoot(props: ExperimentCompareProps) {
  const {
    compare,
    loading = false,
    error = null,
    onRetry,
    items,
    itemsLoading,
    itemsError,
    onItemsRetry,
    hasMore,
    onLoadMore,
    loadingMore,
    score,
    defaultScore,
    onScoreChange,
    regressionsOnly,
    defaultRegressionsOnly,
    onRegressionsOnlyChange,
    lowerIsBetter,
    headingLevel = 2,
    title,
    className,
    ...rest
  } = props
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  const state = compare ? 'ready' : error ? 'error' : loading ? 'loading' : 'empty'
  return (
    <section
      {...rest}
      className={cx('sl-root sl-experiment-compare', className)}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' || undefined}
      data-state={state}
    >
      <Heading id={titleId} className="sl-experiment-compare__title">
        {title ?? (compare ? `${compare.candidate.name} against ${compare.base.name}` : 'Comparison')}
      </Heading>
      {state === 'loading' ? (
        <p role="status">Loading the comparison…</p>
      ) : state === 'error' ? (
        <ErrorAlert className="sl-error-text" what="Could not compare the experiments" error={error!} onRetry={onRetry} />
      ) : state === 'empty' ? (
        <p className="sl-muted">
          Pick two experiments on the same dataset: a base (what you run today) and a candidate (what you want to ship). Each score is
          compared item by item, with an interval that tells a real difference from run-to-run noise.
        </p>
      ) : (
        <>
          {compare!.items === 0 ? (
            <p className="sl-experiment-compare__none" role="note">
              No item has results on both sides yet, so nothing can be compared. Items are paired by dataset item: run both experiments on
              the same dataset version.
            </p>
          ) : (
            <Summary compare={compare!} lowerIsBetter={lowerIsBetter} />
          )}
          <Items
            compare={compare!}
            items={items}
            loading={itemsLoading}
            error={itemsError}
            onRetry={onItemsRetry}
            hasMore={hasMore}
            onLoadMore={onLoadMore}
            loadingMore={loadingMore}
            score={score}
            defaultScore={defaultScore}
            onScoreChange={onScoreChange}
            regressionsOnly={regressionsOnly}
            defaultRegressionsOnly={defaultRegressionsOnly}
            onRegressionsOnlyChange={onRegressionsOnlyChange}
            headingLevel={(headingLevel + 1) as 3 | 4 | 5}
          />
        </>
      )}
    </section>
  )
}

export const ExperimentCompare = Object.assign(ExperimentCompareRoot, { Summary, Items })
