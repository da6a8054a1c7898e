// The demo's evaluation loop in Chromium: its dataset's two experiments compared (is v1 better than
// v2, and how sure are we?) and its monitor's past incident on the timeline.
import type { Dataset, Experiment, Monitor, Page as ApiPage } from '@sightline/core'
import { describe, expect, it } from 'vitest'
import { usePlayground } from './harness'

const app = usePlayground({ viewport: { width: 1440, height: 900 } })

describe('evaluation loop pages', () => {
  it('compare two experiments: each score with its interval, and the items side by side', async () => {
    const datasets = (await app.api<ApiPage<Dataset>>('/api/v1/datasets')).body.data
    const dataset = datasets.find((d) => d.name === 'Thumbs-down answers')!
    expect(dataset.itemCount).toBeGreaterThan(0)
    // the demo's judge scores the results after start: wait until both experiments are done
    const experiments = async () => (await app.api<ApiPage<Experiment>>(`/api/v1/experiments?datasetId=${dataset.id}`)).body.data
    await expect.poll(async () => (await experiments()).map((e) => e.status), { timeout: 60_000, interval: 500 }).toEqual(['done', 'done'])
    const [v2, v1] = await experiments() // newest first
    await app.page.goto(`${app.server.url}/#/datasets?dataset=${dataset.id}&base=${v2!.id}&candidate=${v1!.id}`)
    const body = app.page.locator('main')
    await expect.poll(() => body.textContent(), { timeout: 30_000 }).toContain('Similar to the expected answer')
    const text = (await body.textContent()) ?? ''
    expect(text).toContain('judge_quality')
    expect(text).toMatch(/95\s*%/)
  })

  it('the monitor shows its past incident on the timeline', async () => {
    const monitors = (await app.api<{ data: Monitor[] }>('/api/v1/monitors')).body.data
    const monitor = monitors.find((m) => m.name === 'Thumbs-down rate')!
    await app.page.goto(`${app.server.url}/#/alerts?monitor=${monitor.id}`)
    const body = app.page.locator('main')
    await expect.poll(() => body.textContent(), { timeout: 30_000 }).toMatch(/fired/i)
    expect((await body.textContent()) ?? '').toMatch(/resolved/i)
  })
})
