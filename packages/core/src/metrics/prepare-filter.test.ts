import { describe, expect, it } from 'vitest'
import { traceListQueryToParams } from '../filters/trace-query'
import { groupFilter, mergeFilters, prepareFilter } from './prepare-filter'

const FROM = Date.UTC(2026, 10, 19)
const TO = Date.UTC(2026, 10, 26)

describe('groupFilter', () => {
  it('maps each groupBy to the trace-list filter of the same name', () => {
    expect(groupFilter('environment', 'staging')).toEqual({ environment: 'staging' })
    expect(groupFilter('model', 'gpt-4o')).toEqual({ model: 'gpt-4o' })
    expect(groupFilter('tag', 'beta')).toEqual({ tag: ['beta'] })
    expect(groupFilter('metadata.plan', 'pro')).toEqual({ metadata: { plan: 'pro' } })
    expect(groupFilter('score.tone', 'kind')).toEqual({ score: { tone: { value: 'kind' } } })
    expect(groupFilter(undefined, null)).toEqual({})
  })

  it('cannot filter on "other", a missing value or a provider', () => {
    expect(groupFilter('environment', 'other')).toBeNull()
    expect(groupFilter('environment', null)).toBeNull()
    expect(groupFilter('provider', 'openai')).toBeNull()
  })
})

describe('prepareFilter', () => {
  it('narrows the panel filters to the group and the time range', () => {
    const filter = prepareFilter({
      groupBy: 'environment',
      group: 'production',
      from: FROM,
      to: TO,
      filters: { release: '1.6.0', from: 1, to: 2 },
    })
    expect(filter).toEqual({ release: '1.6.0', environment: 'production', from: FROM, to: TO })
    expect(traceListQueryToParams(filter!).toString()).toBe(
      'release=1.6.0&environment=production&from=2026-11-19T00%3A00%3A00.000Z&to=2026-11-26T00%3A00%3A00.000Z',
    )
  })

  it('takes ISO times, and gives null for a group it cannot express', () => {
    expect(prepareFilter({ from: '2026-11-19T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' })).toEqual({ from: FROM, to: TO })
    expect(prepareFilter({ groupBy: 'model', group: 'other', from: FROM, to: TO })).toBeNull()
  })

  it('merges tags and metadata rather than replacing them', () => {
    expect(mergeFilters({ tag: ['a'], metadata: { region: 'us' } }, { tag: ['b'], metadata: { plan: 'pro' } })).toEqual({
      tag: ['a', 'b'],
      metadata: { region: 'us', plan: 'pro' },
    })
  })
})
