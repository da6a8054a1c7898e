import { describe, expect, it } from 'vitest'
import { validateBatch } from '../services/ingest'
import { generateDemoData } from './demo-data'
import { fakeComplete } from './fake-model'

describe('demo data', () => {
  const now = Date.UTC(2026, 10, 26)
  const batch = generateDemoData({ traces: 300, now })

  it('is all valid ingest input', () => {
    expect(validateBatch(batch).result.rejected).toEqual([])
  })

  it('looks like real traffic', () => {
    const { traces, spans, scores } = batch
    expect(traces).toHaveLength(300)
    const sessions = new Map<string, number>()
    for (const t of traces) sessions.set(t.sessionId!, (sessions.get(t.sessionId!) ?? 0) + 1)
    expect([...sessions.values()].some((n) => n > 1)).toBe(true)
    expect(new Set(spans.map((s) => s.model).filter(Boolean)).size).toBeGreaterThanOrEqual(4)
    expect(new Set(spans.map((s) => s.provider).filter(Boolean)).size).toBeGreaterThanOrEqual(3)
    expect(new Set(spans.map((s) => s.type))).toEqual(new Set(['chain', 'agent', 'generation', 'embedding', 'retriever', 'tool']))
    expect(spans.some((s) => s.status === 'error')).toBe(true)
    expect(new Set(traces.map((t) => t.release)).size).toBe(3)
    expect(new Set(traces.map((t) => (t.metadata as { plan: string }).plan)).size).toBe(3)
    expect(scores.some((s) => s.source === 'feedback' && s.value === false)).toBe(true)
    expect(scores.some((s) => s.source === 'feedback' && s.value === true)).toBe(true)
    const times = spans.map((s) => s.startTime as number)
    expect(Math.min(...times)).toBeGreaterThan(now - 15 * 86_400_000)
    expect(Math.max(...times)).toBeLessThan(now)
  })

  it('is deterministic', () => {
    expect(generateDemoData({ traces: 50, now })).toEqual(generateDemoData({ traces: 50, now }))
    expect(fakeComplete('hello')).toEqual(fakeComplete('hello'))
  })
})
