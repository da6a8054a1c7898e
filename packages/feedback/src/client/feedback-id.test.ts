import type { FeedbackRequest } from '@sightline/core'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { FeedbackClient, FeedbackEventMap, FeedbackPayload, FeedbackValue } from '../index'
import { feedbackId, hash64 } from './feedback-id'

describe('feedbackId', () => {
  const base = { traceId: 't1', userId: 'u1' }

  it('is fb_ and 16 hex digits, the same every time', () => {
    expect(feedbackId(base)).toMatch(/^fb_[0-9a-f]{16}$/)
    expect(feedbackId(base)).toBe(feedbackId({ ...base }))
  })

  it('defaults the name to user_feedback', () => {
    expect(feedbackId(base)).toBe(feedbackId({ ...base, name: 'user_feedback' }))
  })

  it('differs by trace, span, name and user', () => {
    const ids = [
      feedbackId(base),
      feedbackId({ ...base, traceId: 't2' }),
      feedbackId({ ...base, spanId: 's1' }),
      feedbackId({ ...base, name: 'accuracy' }),
      feedbackId({ ...base, userId: 'u2' }),
    ]
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('keeps the parts apart, so shifting text between them changes the id', () => {
    expect(feedbackId({ traceId: 'ab', spanId: 'c', userId: 'u' })).not.toBe(feedbackId({ traceId: 'a', spanId: 'bc', userId: 'u' }))
  })

  it('spreads similar inputs over both halves of the hash', () => {
    const hashes = Array.from({ length: 2000 }, (_, i) => hash64(`trace-${i}`))
    expect(new Set(hashes).size).toBe(hashes.length)
    expect(new Set(hashes.map((h) => h.slice(0, 8))).size).toBe(hashes.length)
    expect(new Set(hashes.map((h) => h.slice(8))).size).toBe(hashes.length)
  })
})

describe('types', () => {
  it('sends bodies the server schema accepts', () => {
    expectTypeOf<FeedbackPayload>().toExtend<FeedbackRequest>()
    // The server's schema is strict: no field it does not know.
    expectTypeOf<keyof FeedbackPayload>().toExtend<keyof FeedbackRequest>()
  })

  it('types event details by event name', () => {
    expectTypeOf<Parameters<FeedbackClient['on']>[0]>().toEqualTypeOf<keyof FeedbackEventMap>()
    expectTypeOf<FeedbackEventMap['change']['value']>().toEqualTypeOf<FeedbackValue | undefined>()
    expectTypeOf<FeedbackClient['current']>().returns.toEqualTypeOf<FeedbackValue | undefined>()
  })
})
