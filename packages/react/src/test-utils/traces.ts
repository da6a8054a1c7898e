import type { TraceSummary } from '@sightline/core'

/** A complete trace summary; tests override only the fields they look at. */
export function traceSummary(overrides: Partial<TraceSummary> & { id: string }): TraceSummary {
  return {
    projectId: 'default',
    name: `chat ${overrides.id}`,
    startTime: '2026-11-26T18:59:03.000Z',
    endTime: '2026-11-26T18:59:04.234Z',
    userId: 'user-1',
    sessionId: 'session-1',
    environment: 'production',
    release: null,
    version: null,
    tags: [],
    metadata: {},
    status: 'ok',
    latencyMs: 1234,
    inputTokens: 1000,
    outputTokens: 234,
    totalTokens: 1234,
    cost: 0.0012,
    spanCount: 3,
    errorCount: 0,
    models: ['gpt-4o-mini'],
    inputPreview: 'Hello',
    outputPreview: 'Hi there',
    ...overrides,
  }
}

export function traceSummaries(count: number, from = 0): TraceSummary[] {
  return Array.from({ length: count }, (_, i) => traceSummary({ id: `t${from + i}` }))
}
