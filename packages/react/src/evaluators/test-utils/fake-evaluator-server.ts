import type { ApiIssue, EvalRun, Evaluator, EvaluatorInput, EvaluatorPreview } from '@sightline/core'
import { vi } from 'vitest'
import { categoricalAgreementFixture, evalRunFixture, evaluatorKindsFixture, evaluatorListFixture, previewResultFixture } from './fixtures'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const invalid = (issues: ApiIssue[]) => json(400, { error: { code: 'validation_failed', message: 'invalid evaluator', issues } })

/** The server's checks the tests lean on: a pattern must compile, filters must be known names. */
function issuesOf(input: EvaluatorInput): ApiIssue[] {
  const issues: ApiIssue[] = []
  const pattern = input.config?.pattern
  if (typeof pattern === 'string') {
    try {
      new RegExp(pattern)
    } catch {
      issues.push({ path: ['config', 'pattern'], message: 'not a valid regular expression' })
    }
  }
  for (const key of Object.keys(input.filter ?? {}))
    if (!['environment', 'name', 'userId', 'release', 'tags'].includes(key))
      issues.push({ path: ['filter'], message: `unknown filter "${key}"` })
  return issues
}

/**
 * Evaluators behind a fake `fetch`, close to the server's answers: runs page by `runCount` with a
 * cursor and filter by status; create, update and preview check what the tests need.
 */
export function fakeEvaluatorServer({ runCount = 12, pageSize = 5 }: { runCount?: number; pageSize?: number } = {}) {
  let evaluators: Evaluator[] = evaluatorListFixture.map((e) => ({ ...e }))
  const runs: EvalRun[] = Array.from({ length: runCount }, (_, i) => evalRunFixture(i))
  const calls: { method: string; path: string; body: unknown }[] = []

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://sightline.test')
    const method = init?.method ?? 'GET'
    const path = url.pathname
    const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined
    calls.push({ method, path: `${path}${url.search}`, body })
    const base = '/api/v1/evaluators'
    if (path === `${base}/kinds`) return json(200, { data: evaluatorKindsFixture })
    if (path === base && method === 'GET') return json(200, { data: evaluators })
    if (path === base && method === 'POST') {
      const given = body as EvaluatorInput
      const issues = issuesOf(given)
      if (issues.length) return invalid(issues)
      const created: Evaluator = {
        ...evaluators[0]!,
        ...given,
        id: `ev-${evaluators.length + 1}`,
        config: given.config ?? {},
        status: 'active',
        stats: undefined,
      } as Evaluator
      evaluators = [...evaluators, created]
      return json(201, created)
    }
    if (path === `${base}/preview`) {
      const preview = body as EvaluatorPreview
      const issues = issuesOf(preview.evaluator).map((i) => ({ ...i, path: ['evaluator', ...i.path] }))
      if (issues.length) return invalid(issues)
      if (preview.traceId === 'missing') return json(404, { error: { code: 'not_found', message: 'trace missing not found' } })
      return json(200, { ...previewResultFixture, traceId: preview.traceId })
    }
    const m = /^\/api\/v1\/evaluators\/([^/]+)(\/runs|\/agreement)?$/.exec(path)
    if (m) {
      const id = decodeURIComponent(m[1]!)
      const evaluator = evaluators.find((e) => e.id === id)
      if (!evaluator) return json(404, { error: { code: 'not_found', message: `evaluator ${id} not found` } })
      if (m[2] === '/runs') {
        const status = url.searchParams.get('status')
        const limit = Number(url.searchParams.get('limit') ?? pageSize)
        const from = Number(url.searchParams.get('cursor') ?? 0)
        const matching = runs.filter((r) => !status || r.status === status)
        const data = matching.slice(from, from + limit)
        return json(200, { data, nextCursor: from + limit < matching.length ? String(from + limit) : null })
      }
      if (m[2] === '/agreement') return json(200, { ...categoricalAgreementFixture, human: url.searchParams.get('human') })
      if (method === 'PATCH') {
        const patch = body as Partial<Evaluator>
        const next: Evaluator = {
          ...evaluator,
          ...patch,
          ...(patch.active === true && { status: 'active', pausedReason: null }),
        }
        evaluators = evaluators.map((e) => (e.id === id ? next : e))
        return json(200, next)
      }
      return json(200, evaluator)
    }
    return json(404, { error: { code: 'not_found', message: `no route ${method} ${path}` } })
  })
  return { fetch, calls, evaluators: () => evaluators }
}
