import {
  SightlineError,
  type ApiError,
  type Channel,
  type ChannelInput,
  type Delivery,
  type Monitor,
  type MonitorEvent,
  type MonitorInput,
  type MonitorPatch,
  type Page,
} from '@sightline/core'

// These fetchers belong in @sightline/core's client (listMonitors, …); they live here until core gets them.

/** The part of `fetch` the API uses; tests pass a fake. */
export type MonitorFetch = (url: string, init?: RequestInit) => Promise<Response>

export interface MonitorApiOptions {
  /** e.g. "http://localhost:4318", "/demo/manage"; "" for same-origin */
  baseUrl: string
  fetch?: MonitorFetch | undefined
  /** extra headers per request, e.g. `{ authorization: 'Bearer sk-…' }` (managing channels needs the secret key) */
  getHeaders?: (() => HeadersInit | Promise<HeadersInit>) | undefined
}

export interface PageQuery {
  limit?: number | undefined
  cursor?: string | undefined
}

export interface RequestOptions {
  signal?: AbortSignal | undefined
}

export interface ChannelPatch {
  name?: string | undefined
  url?: string | undefined
  /** switches a channel the receiver disabled (410 Gone) back on */
  enabled?: true | undefined
}

export interface BacktestRequest {
  monitor: MonitorInput
  /** ISO times */
  from: string
  to: string
}

export interface BacktestAlert {
  group: string | null
  start: string
  end: string | null
  peak: number | null
  baseline: number | null
  samples: number
}

export interface BacktestPoint {
  /** the window's end, ISO time */
  t: string
  value: number | null
  samples: number
  baseline: number | null
  breach: boolean
}

export interface BacktestResult {
  alerts: BacktestAlert[]
  series: { group: string | null; points: BacktestPoint[] }[]
}

/** Typed calls to the monitor and alert-channel routes of the Sightline API. */
export interface MonitorApi {
  listMonitors(options?: RequestOptions): Promise<Monitor[]>
  getMonitor(id: string, options?: RequestOptions): Promise<Monitor>
  createMonitor(input: MonitorInput): Promise<Monitor>
  updateMonitor(id: string, patch: MonitorPatch): Promise<Monitor>
  deleteMonitor(id: string): Promise<void>
  listMonitorEvents(id: string, query?: PageQuery, options?: RequestOptions): Promise<Page<MonitorEvent>>
  backtestMonitor(request: BacktestRequest, options?: RequestOptions): Promise<BacktestResult>
  listChannels(options?: RequestOptions): Promise<Channel[]>
  getChannel(id: string, options?: RequestOptions): Promise<Channel>
  /** the reply holds the channel's `secret`, once */
  createChannel(input: ChannelInput): Promise<Channel>
  updateChannel(id: string, patch: ChannelPatch): Promise<Channel>
  deleteChannel(id: string): Promise<void>
  /** the reply holds the new `secret`, once */
  rotateChannelSecret(id: string): Promise<Channel>
  listDeliveries(channelId: string, query?: PageQuery, options?: RequestOptions): Promise<Page<Delivery>>
  replayDelivery(id: string): Promise<Delivery>
}

const pageParams = (query: PageQuery = {}) => {
  const params = new URLSearchParams()
  if (query.limit !== undefined) params.set('limit', String(query.limit))
  if (query.cursor !== undefined) params.set('cursor', query.cursor)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** A list reply as `{ data }` or a bare array. */
const listOf = <T>(reply: { data: T[] } | T[]): T[] => (Array.isArray(reply) ? reply : reply.data)

export function createMonitorApi({ baseUrl, fetch: fetchImpl, getHeaders }: MonitorApiOptions): MonitorApi {
  const base = baseUrl.replace(/\/+$/, '')
  const doFetch: MonitorFetch = fetchImpl ?? ((url, init) => globalThis.fetch(url, init))

  async function request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    const headers = new Headers(getHeaders ? await getHeaders() : undefined)
    if (body !== undefined) headers.set('content-type', 'application/json')
    let res: Response
    try {
      res = await doFetch(`${base}/api/v1${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(options?.signal && { signal: options.signal }),
      })
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err
      throw new SightlineError(0, 'network', `The Sightline server could not be reached (${(err as Error)?.message ?? String(err)})`)
    }
    if (res.status === 204) return undefined as T
    const text = await res.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (!res.ok) {
      const e = (json as Partial<ApiError> | undefined)?.error
      throw new SightlineError(res.status, e?.code ?? 'internal', e?.message ?? `HTTP ${res.status}`, e?.issues ?? [])
    }
    return json as T
  }

  const id = encodeURIComponent
  return {
    listMonitors: async (o) => listOf(await request<{ data: Monitor[] }>('GET', '/monitors', undefined, o)),
    getMonitor: (m, o) => request('GET', `/monitors/${id(m)}`, undefined, o),
    createMonitor: (input) => request('POST', '/monitors', input),
    updateMonitor: (m, patch) => request('PATCH', `/monitors/${id(m)}`, patch),
    deleteMonitor: async (m) => {
      await request('DELETE', `/monitors/${id(m)}`)
    },
    listMonitorEvents: (m, q, o) => request('GET', `/monitors/${id(m)}/events${pageParams(q)}`, undefined, o),
    backtestMonitor: (b, o) => request('POST', '/monitors/backtest', b, o),
    listChannels: async (o) => listOf(await request<{ data: Channel[] }>('GET', '/channels', undefined, o)),
    getChannel: (c, o) => request('GET', `/channels/${id(c)}`, undefined, o),
    createChannel: (input) => request('POST', '/channels', input),
    updateChannel: (c, patch) => request('PATCH', `/channels/${id(c)}`, patch),
    deleteChannel: async (c) => {
      await request('DELETE', `/channels/${id(c)}`)
    },
    rotateChannelSecret: (c) => request('POST', `/channels/${id(c)}/rotate-secret`),
    listDeliveries: (c, q, o) => request('GET', `/channels/${id(c)}/deliveries${pageParams(q)}`, undefined, o),
    replayDelivery: (d) => request('POST', `/deliveries/${id(d)}/replay`),
  }
}
