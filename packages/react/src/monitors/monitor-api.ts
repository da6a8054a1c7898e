import type {
  BacktestRequest,
  BacktestResult,
  Channel,
  ChannelInput,
  ChannelPatch,
  Delivery,
  Monitor,
  MonitorEvent,
  MonitorInput,
  MonitorPatch,
  Page,
  SightlineClient,
} from '@sightline/core'

export interface PageQuery {
  limit?: number | undefined
  cursor?: string | undefined
}

/** what the hooks pass: the query's abort signal */
export type RequestOptions = Pick<RequestInit, 'signal'>

export type { BacktestAlert, BacktestPoint, BacktestRequest, BacktestResult, ChannelPatch } from '@sightline/core'

/** The monitor and channel calls the panels make, on the provider's client (lists as arrays). */
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

/** The panels' view of the core client's monitor calls. */
export function monitorApiOf(client: SightlineClient): MonitorApi {
  return {
    listMonitors: async (o) => (await client.listMonitors(o)).data,
    getMonitor: (id, o) => client.getMonitor(id, o),
    createMonitor: (input) => client.createMonitor(input),
    updateMonitor: (id, patch) => client.updateMonitor(id, patch),
    deleteMonitor: (id) => client.deleteMonitor(id),
    listMonitorEvents: (id, q, o) => client.listMonitorEvents(id, q, o),
    backtestMonitor: (b, o) => client.backtestMonitor(b, o),
    listChannels: async (o) => (await client.listChannels(o)).data,
    getChannel: (id, o) => client.getChannel(id, o),
    createChannel: (input) => client.createChannel(input),
    updateChannel: (id, patch) => client.updateChannel(id, patch),
    deleteChannel: (id) => client.deleteChannel(id),
    rotateChannelSecret: (id) => client.rotateChannelSecret(id),
    listDeliveries: (id, q, o) => client.listDeliveries(id, q, o),
    replayDelivery: (id) => client.replayDelivery(id),
  }
}
