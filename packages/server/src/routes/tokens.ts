import { parseTraceListQuery, tokenRequestSchema, tokenResponseSchema } from '@sightline/core'
import { Hono } from 'hono'
import type { AppEnv } from '../auth/auth-context'
import { describe } from '../openapi/describe'
import { signToken } from '../auth/tokens'
import type { AppDeps } from '../app-deps'
import { notFound } from '../http-errors'
import { FIXED_FILTER_NAMES } from '../services/reader-scope'
import { invalid } from '../validation'

const mint = describe({
  summary: 'Mint a short-lived browser token (feedback, view or annotate)',
  description:
    'Verified statelessly (HMAC). A feedback token names the traces (and optionally score names) it may score; a view token may fix trace-list filters its reader cannot widen; an annotate token names its reviewer and queues.',
  access: 'write',
  body: tokenRequestSchema,
  response: tokenResponseSchema,
  status: 201,
})

export function tokenRoutes({ store, now }: AppDeps) {
  return new Hono<AppEnv>().post('/', mint, async (c) => {
    const req = await mint.body(c)
    if (req.kind === 'feedback' && !req.traceIds?.length) throw invalid(['traceIds'], 'a feedback token must name the traces it may score')
    if (req.kind === 'annotate' && !req.reviewer) throw invalid(['reviewer'], 'an annotate token must name its reviewer')
    if (req.kind === 'annotate' && !req.queueIds?.length)
      throw invalid(['queueIds'], 'an annotate token must name the queues it may review')
    if (req.filters) {
      for (const key of Object.keys(req.filters))
        if (!(FIXED_FILTER_NAMES as readonly string[]).includes(key) && !key.startsWith('metadata.'))
          throw invalid(['filters', key], `a token can fix only ${FIXED_FILTER_NAMES.join(', ')} and metadata.<key>`)
      const parsed = parseTraceListQuery(req.filters)
      if (!parsed.success) {
        // A failed parse names at least one issue.
        const issue = parsed.issues[0]!
        throw invalid(['filters', ...issue.path.map(String)], issue.message)
      }
    }
    const { projectId } = c.get('auth')
    const project = await store.getProject(projectId)
    if (!project) throw notFound('project')
    const exp = Math.floor(now() / 1000) + req.expiresIn
    const token = signToken(
      {
        p: projectId,
        k: req.kind,
        exp,
        ...(req.traceIds && { traceIds: req.traceIds }),
        ...(req.names && { names: req.names }),
        ...(req.filters && { filters: req.filters }),
        ...(req.reviewer && { reviewer: req.reviewer }),
        ...(req.queueIds && { queueIds: req.queueIds }),
      },
      project.signingSecret,
    )
    return c.json({ token, expiresAt: new Date(exp * 1000).toISOString() }, 201)
  })
}
