import type { FeedbackClient } from '@sightline/feedback'
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { fakeClient, fakeFeedbackServer } from './test-utils/fake-feedback-server'
import { useFeedback, type UseFeedbackOptions } from './use-feedback'

const clients: FeedbackClient[] = []
function setup(answer?: Parameters<typeof fakeFeedbackServer>[0]) {
  const server = fakeFeedbackServer(answer)
  const client = fakeClient(server)
  clients.push(client)
  return { server, client }
}

afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy())
  vi.unstubAllGlobals()
  localStorage.clear()
})

describe('useFeedback', () => {
  it('votes, toggles and retracts through the client, and follows its view', async () => {
    const { server, client } = setup()
    const { result } = renderHook(() => useFeedback('t1', { client, name: 'helpfulness', spanId: 's1' }))
    expect(result.current).toMatchObject({ value: undefined, pending: false, error: null })

    await act(() => result.current.vote(4, { comment: 'good', metadata: { scale: { min: 1, max: 5 } } }))
    expect(result.current.value).toBe(4)
    await waitFor(() => expect(result.current.pending).toBe(false))
    expect(server.bodies[0]).toMatchObject({ traceId: 't1', spanId: 's1', name: 'helpfulness', value: 4, comment: 'good' })

    await act(() => result.current.toggle(4))
    expect(result.current.value).toBeUndefined()
    await act(() => result.current.toggle(2))
    expect(result.current.value).toBe(2)
    await act(() => result.current.retract())
    expect(result.current.value).toBeUndefined()
    await waitFor(() => expect(server.bodies.at(-1)).toMatchObject({ retract: true }))
    expect(new Set(server.bodies.map((b) => b.id)).size).toBe(1)
  })

  it('sees votes made elsewhere on the same client, and only its own answer', async () => {
    const { client } = setup()
    const { result } = renderHook(() => useFeedback('t1', { client }))
    await act(() => client.vote('t2', true))
    expect(result.current.value).toBeUndefined()
    await act(() => client.vote('t1', false))
    expect(result.current.value).toBe(false)
  })

  it("reports the server's refusal, takes the vote back, and clears it with the next change", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { server, client } = setup(400)
    const { result } = renderHook(() => useFeedback('t1', { client }))
    act(() => void result.current.vote(true))
    expect(result.current).toMatchObject({ value: true, status: 'pending', pending: true })
    await waitFor(() => expect(result.current.error).toMatchObject({ code: 'validation_failed', status: 400 }))
    expect(result.current).toMatchObject({ status: 'failed', pending: false })
    expect(result.current.value).toBeUndefined()
    server.answer = 'ok'
    await act(() => result.current.vote(false))
    expect(result.current.error).toBeNull()
    await waitFor(() => expect(result.current.status).toBe('sent'))
    vi.restoreAllMocks()
  })

  it('shares one client per endpoint, credential and user, calling the latest getToken', async () => {
    const server = fakeFeedbackServer()
    vi.stubGlobal('fetch', server.fetch)
    const endpoint = 'https://tokens.sightline.test'
    const first = vi.fn(() => 'slt_first')
    const second = vi.fn(() => 'slt_second')
    const a = renderHook(() => useFeedback('t1', { endpoint, getToken: first }))
    const b = renderHook(() => useFeedback('t1', { endpoint, getToken: second }))
    await act(() => a.result.current.vote(true))
    // One client: the vote shows in both hooks at once.
    expect(b.result.current.value).toBe(true)
    await waitFor(() => expect(server.bodies).toHaveLength(1))
    expect(first).not.toHaveBeenCalled()
    expect(new Headers(server.fetch.mock.calls[0]![1]?.headers).get('authorization')).toBe('Bearer slt_second')

    // Another user gets a client of their own.
    const c = renderHook(() => useFeedback('t1', { endpoint, getToken: second, userId: 'someone-else' }))
    expect(c.result.current.value).toBeUndefined()
  })

  it('takes exactly one credential, or a client', () => {
    expectTypeOf<{ endpoint: ''; publicKey: 'pk' }>().toExtend<UseFeedbackOptions>()
    expectTypeOf<{ endpoint: ''; token: 't' }>().toExtend<UseFeedbackOptions>()
    expectTypeOf<{ client: FeedbackClient; name: 'x' }>().toExtend<UseFeedbackOptions>()
    expectTypeOf<{ endpoint: ''; publicKey: 'pk'; token: 't' }>().not.toExtend<UseFeedbackOptions>()
    expectTypeOf<{ endpoint: '' }>().not.toExtend<UseFeedbackOptions>()
    expectTypeOf<{ client: FeedbackClient; publicKey: 'pk' }>().not.toExtend<UseFeedbackOptions>()
  })
})
