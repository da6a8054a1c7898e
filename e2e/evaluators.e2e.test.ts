// An LLM judge end to end: `sightline serve` scores new traces with judges served by local fake
// OpenAI-compatible endpoints — one that answers structured output, one that only takes tool
// calls (the fallback) — and pauses a judge whose key the endpoint refuses. In Chromium the
// judge's reasoning shows in the trace viewer and the paused evaluator says why on its page.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { EvalRun, Evaluator, TraceDetail } from '@sightline/core'
import { type FakeModelOptions, fakeModelApp } from '@sightline/server'
import { Hono } from 'hono'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, requirePlayground, type RunningCli, startCli } from './harness'

const JUDGE_KEY = 'sk-judge-e2e-good-key'

/** A fake judge endpoint on a loopback port of its own, under /v1 like OpenAI's. */
async function judgeServer(options: FakeModelOptions): Promise<{ baseUrl: string; server: Server }> {
  const app = new Hono().route('/v1', fakeModelApp(options))
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server))
  })
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server }
}

let sightline: RunningCli
let browser: BrowserContext
let structured: Awaited<ReturnType<typeof judgeServer>>
let toolsOnly: Awaited<ReturnType<typeof judgeServer>>

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sightline.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${sightline.secretKey}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

const judge = (name: string, baseUrl: string, apiKeyEnv: string) =>
  api<Evaluator>('/api/v1/evaluators', {
    name,
    kind: 'llm-judge',
    scoreName: 'judge_ok',
    filter: { name },
    delaySeconds: 0,
    config: {
      baseUrl,
      model: 'gpt-4o-mini',
      apiKeyEnv,
      prompt: 'Question: {{input}}\nAnswer: {{output}}\nDoes the answer address the question?',
      output: { dataType: 'boolean' },
    },
  })

const answer = (id: string, name: string) => ({
  id,
  name,
  input: 'How long do refunds take?',
  output: 'Refunds arrive within 5 business days.',
})

beforeAll(async () => {
  requirePlayground()
  structured = await judgeServer({ mode: 'structured', requireKey: JUDGE_KEY })
  toolsOnly = await judgeServer({ mode: 'tools-only', requireKey: JUDGE_KEY })
  sightline = await startCli(['--demo', '--static', 'playground/dist'], { E2E_JUDGE_KEY: JUDGE_KEY, E2E_WRONG_KEY: 'sk-wrong' })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  expect(await sightline?.stop()).toBe(0)
  structured?.server.close()
  toolsOnly?.server.close()
})

describe('an LLM judge against local OpenAI-compatible endpoints', () => {
  let evaluators: Record<'structured' | 'tools' | 'refused', Evaluator>

  beforeAll(async () => {
    evaluators = {
      structured: await judge('judged-structured', structured.baseUrl, 'E2E_JUDGE_KEY'),
      tools: await judge('judged-tools', toolsOnly.baseUrl, 'E2E_JUDGE_KEY'),
      refused: await judge('judged-refused', structured.baseUrl, 'E2E_WRONG_KEY'),
    }
    await api('/api/v1/ingest', {
      traces: [answer('e2e-structured', 'judged-structured'), answer('e2e-tools', 'judged-tools'), answer('e2e-refused', 'judged-refused')],
    })
  })

  const judgeScore = async (traceId: string) =>
    (await api<TraceDetail>(`/api/v1/traces/${traceId}`)).scores.find((s) => s.source === 'eval' && s.name === 'judge_ok')

  it('scores through structured output, and through a forced tool call where response_format is refused', async () => {
    for (const [traceId, e] of [
      ['e2e-structured', evaluators.structured],
      ['e2e-tools', evaluators.tools],
    ] as const) {
      await expect
        .poll(() => judgeScore(traceId), { timeout: 30_000, interval: 250 })
        .toMatchObject({
          name: 'judge_ok',
          value: true,
          authorId: e.id,
          comment: 'The answer addresses the question directly.',
        })
      const runs = await api<{ data: EvalRun[] }>(`/api/v1/evaluators/${e.id}/runs`)
      expect(runs.data[0]).toMatchObject({ traceId, status: 'done', attempts: 1 })
      expect(runs.data[0]!.usage!.total).toBeGreaterThan(0)
      expect(runs.data[0]!.cost).toBeGreaterThan(0) // priced from the offline table
    }
  })

  it('pauses the judge whose key is refused, with the reason, and keeps its trace waiting', async () => {
    const read = () => api<Evaluator>(`/api/v1/evaluators/${evaluators.refused.id}`)
    await expect.poll(async () => (await read()).status, { timeout: 30_000, interval: 250 }).toBe('paused')
    const paused = await read()
    expect(paused.pausedReason).toMatch(/401/)
    expect(paused.pausedReason).toContain('E2E_WRONG_KEY')
    expect(paused.pausedReason).not.toContain('sk-wrong')
    expect(paused.stats).toMatchObject({ pending: 1, done: 0, errors: 0 })
    expect(await judgeScore('e2e-refused')).toBeUndefined()
  })

  it('shows the judge’s reasoning in the trace viewer', async () => {
    const page = await browser.newPage()
    await page.goto(`${sightline.url}/#/admin?trace=e2e-structured`)
    const viewer = page.locator('article[data-trace-id="e2e-structured"]')
    // (the demo's own evaluators score every trace too)
    const score = viewer.locator('.sl-score[data-source="eval"]', { hasText: 'judge_ok' })
    await score.first().waitFor({ timeout: 30_000 })
    await expect.poll(() => score.first().textContent()).toContain('Reasoning: The answer addresses the question directly.')
    expect(await score.first().textContent()).toContain('judged-structured')
    await page.close()
  })

  it('shows the paused evaluator and why on the Evaluators page', async () => {
    const page = await browser.newPage()
    await page.goto(`${sightline.url}/#/evaluators`)
    const row = page.getByText('judged-refused', { exact: true }).first()
    await row.waitFor({ timeout: 30_000 })
    await expect
      .poll(
        () =>
          page
            .getByText(/E2E_WRONG_KEY/)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true)
    await page.close()
  })

  it('creates an evaluator from the Evaluators page after trying it on a trace', async () => {
    const page = await browser.newPage()
    await page.goto(`${sightline.url}/#/evaluators?new`)
    await page.getByLabel('Name', { exact: true }).fill('mentions refunds')
    await page.getByRole('radio', { name: 'Contains', exact: true }).check()
    await page.getByLabel('Text', { exact: true }).fill('refund')
    await page.getByLabel('Trace id', { exact: true }).fill('e2e-structured')
    await page.getByRole('button', { name: 'Try on this trace' }).click()
    const preview = page.locator('.sl-evaluator-preview')
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toMatch(/true/i)
    await page.getByRole('button', { name: /^(Create|Save)/ }).click()
    await expect
      .poll(async () => (await api<{ data: Evaluator[] }>('/api/v1/evaluators')).data.map((e) => e.name), { timeout: 15_000 })
      .toContain('mentions refunds')
    await page.close()
  })
})
