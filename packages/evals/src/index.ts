// @sightline/evals: evaluator kinds as pure functions. The server's job runner, experiments and the
// evaluator form's preview all run the same code.
export { evaluatorKinds, parseEvaluatorConfig, runEvaluator } from './run-evaluator'
export { subjectFromTrace, textOf } from './subject'
export { EvalSkip } from './types'
export { categoricalAgreement, numericAgreement } from './agreement'
export { compareScores, studentTCdf, studentTQuantile } from './compare'
export type { ScoreComparison, ScoreSample } from './compare'
export { JudgeError } from './judge'
export type { ConfigCheck } from './run-evaluator'
export type { ConfigIssue, EvalContext, EvalDataType, EvalMetrics, EvalSubject, OfflineKind } from './types'
