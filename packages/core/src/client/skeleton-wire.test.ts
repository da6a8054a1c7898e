import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SKELETON_SPAN_COLUMNS, traceSkeletonWireSchema, type SpanSkeleton, type TraceSkeleton } from '../schemas/lists'
import type { TraceSummary } from '../schemas/trace'
import { decodeTraceSkeleton, encodeTraceSkeleton } from './skeleton-wire'

const trace = { id: 't1' } as TraceSummary
const span = (over: Partial<SpanSkeleton>): SpanSkeleton => ({
  id: 's1',
  traceId: 't1',
  parentId: null,
  name: 'root',
  type: 'span',
  startTime: Date.UTC(2026, 0, 1),
  endTime: Date.UTC(2026, 0, 1) + 1250,
  completionStartTime: null,
  latencyMs: 1250,
  model: null,
  provider: null,
  usage: null,
  cost: null,
  status: 'ok',
  statusMessage: null,
  inputSize: 10,
  outputSize: 0,
  ...over,
})

describe('trace skeleton rows', () => {
  it('round-trips every field, including open spans, usage and cost', () => {
    const skeleton: TraceSkeleton = {
      trace,
      scores: [],
      spans: [
        span({}),
        span({
          id: 's2',
          parentId: 's1',
          type: 'generation',
          endTime: null,
          latencyMs: null,
          completionStartTime: Date.UTC(2026, 0, 1) + 400,
          model: 'gpt-4o',
          provider: 'openai',
          usage: { input: 10, output: 5, total: null, cacheRead: 3, cacheWrite: null, reasoning: null },
          cost: { input: 0.1, output: null, total: 0.30000000000000004, source: 'computed' },
          status: 'error',
          statusMessage: 'boom',
        }),
      ],
    }
    const wire = JSON.parse(JSON.stringify(encodeTraceSkeleton(skeleton)))
    // The documented row shape (OpenAPI) has a cell for every column, in order.
    expect(traceSkeletonWireSchema.shape.spans.parse(wire.spans)).toEqual(wire.spans)
    expect(traceSkeletonWireSchema.shape.spans.element.def.items).toHaveLength(SKELETON_SPAN_COLUMNS.length)
    // Cells sit where SKELETON_SPAN_COLUMNS says.
    const cells = (row: unknown[]) => Object.fromEntries(SKELETON_SPAN_COLUMNS.map((column, i) => [column, row[i]]))
    expect(cells(wire.spans[0])).toEqual({
      id: 's1',
      parentId: null,
      name: 'root',
      type: 'span',
      startTime: Date.UTC(2026, 0, 1),
      endTime: Date.UTC(2026, 0, 1) + 1250,
      completionStartTime: null,
      model: null,
      provider: null,
      usage: null,
      cost: null,
      status: 'ok',
      statusMessage: null,
      inputSize: 10,
      outputSize: 0,
    })
    expect(cells(wire.spans[1])).toMatchObject({ usage: [10, 5, null, 3, null, null], cost: [0.1, null, 0.30000000000000004, 'computed'] })
    expect(decodeTraceSkeleton(wire)).toEqual(skeleton)
  })

  it('finds cells by column name, so added or reordered columns still decode', () => {
    const wire = encodeTraceSkeleton({ trace, scores: [], spans: [span({})] })
    const order = [...SKELETON_SPAN_COLUMNS].reverse()
    const reordered = {
      ...wire,
      columns: ['future', ...order],
      spans: wire.spans.map((row) => ['x', ...order.map((c) => row[SKELETON_SPAN_COLUMNS.indexOf(c)])]),
    }
    expect(decodeTraceSkeleton(reordered).spans).toEqual([span({})])
  })

  it('keeps times as the epoch ms the server sent, across the epoch and the date range', () => {
    const times = [0, -1, 59_999, Date.UTC(2026, 10, 26, 23, 59, 59, 999), 8.64e15, -8.64e15]
    const wire = encodeTraceSkeleton({ trace, scores: [], spans: [span({ endTime: null })] })
    const row = wire.spans[0]!
    wire.spans = times.map((t) => row.map((cell, i) => (SKELETON_SPAN_COLUMNS[i] === 'startTime' ? t : cell)))
    expect(decodeTraceSkeleton(wire).spans.map((s) => s.startTime)).toEqual(times)
  })

  it('is documented in the README with its columns in order', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8')
    const listed = /cells `columns` names \(([^)]*)\)/.exec(readme)?.[1] ?? ''
    expect([...listed.matchAll(/`(\w+)`/g)].map((m) => m[1])).toEqual([...SKELETON_SPAN_COLUMNS])
  })

  it('names a missing column', () => {
    const wire = encodeTraceSkeleton({ trace, scores: [], spans: [] })
    expect(() => decodeTraceSkeleton({ ...wire, columns: wire.columns.filter((c) => c !== 'status') })).toThrow(/no "status" column/)
  })
})
