import { useState } from 'react'
import { ChannelForm, type ChannelFormProps } from './channel-form'
import { ChannelList, type ChannelListProps, type RevealedSecret } from './channel-list'
import { DeliveryLog, type DeliveryLogProps } from './delivery-log'
import { SecretReveal } from './secret-reveal'
import type { Channel } from '@sightline/core'
import { useChannels, useCreateChannel, useDeliveries, useReplayDelivery, useRotateChannelSecret, useUpdateChannel } from './use-monitors'

export interface ConnectedChannelListProps
  extends Omit<
    ChannelListProps,
    | 'channels'
    | 'loading'
    | 'error'
    | 'onRetry'
    | 'onRotateSecret'
    | 'rotatingId'
    | 'onEnable'
    | 'enablingId'
    | 'actionError'
    | 'revealedSecret'
    | 'onDismissSecret'
  > {
  refetchInterval?: number | false | undefined
}

/** The project's channels through `<MonitorApiProvider>`: Rotate secret shows the new secret once; Enable switches a disabled one on. */
export function ConnectedChannelList({ refetchInterval = false, ...rest }: ConnectedChannelListProps) {
  const channels = useChannels({ refetchInterval })
  const rotate = useRotateChannelSecret()
  const update = useUpdateChannel()
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null)
  return (
    <ChannelList
      {...rest}
      channels={channels.data}
      loading={channels.isPending}
      error={channels.error}
      onRetry={() => void channels.refetch()}
      onRotateSecret={(channel) =>
        rotate.mutate(channel.id, { onSuccess: (next) => next.secret && setRevealed({ channelId: next.id, secret: next.secret }) })
      }
      rotatingId={rotate.isPending ? rotate.variables : null}
      onEnable={(channel) => update.mutate({ id: channel.id, patch: { enabled: true } })}
      enablingId={update.isPending ? update.variables.id : null}
      actionError={rotate.error ?? update.error}
      revealedSecret={revealed}
      onDismissSecret={() => setRevealed(null)}
    />
  )
}

export interface ConnectedDeliveryLogProps
  extends Omit<
    DeliveryLogProps,
    'deliveries' | 'loading' | 'error' | 'onRetry' | 'hasMore' | 'onLoadMore' | 'loadingMore' | 'onReplay' | 'replayingId' | 'replayError'
  > {
  channelId: string
  pageSize?: number | undefined
  /** refetch every this many ms; 15 s by default (retries move on) */
  refetchInterval?: number | false | undefined
}

/** A channel's deliveries through `<MonitorApiProvider>`, a page at a time, with Replay. */
export function ConnectedDeliveryLog({ channelId, pageSize = 50, refetchInterval = 15_000, ...rest }: ConnectedDeliveryLogProps) {
  const deliveries = useDeliveries(channelId, { limit: pageSize, refetchInterval })
  const replay = useReplayDelivery()
  return (
    <DeliveryLog
      {...rest}
      deliveries={deliveries.data?.pages.flatMap((p) => p.data)}
      loading={deliveries.isPending}
      error={deliveries.error}
      onRetry={() => void (deliveries.isFetchNextPageError ? deliveries.fetchNextPage() : deliveries.refetch())}
      hasMore={deliveries.hasNextPage}
      loadingMore={deliveries.isFetchingNextPage}
      onLoadMore={() => void deliveries.fetchNextPage()}
      onReplay={(delivery) => replay.mutate(delivery.id)}
      replayingId={replay.isPending ? replay.variables : null}
      replayError={replay.error}
    />
  )
}

export interface ConnectedChannelFormProps extends Omit<ChannelFormProps, 'onSubmit' | 'submitting' | 'error'> {
  /** after the channel is created (its secret still shows until "Done") */
  onCreated?: ((channel: Channel) => void) | undefined
  /** "Done" under the secret */
  onDone?: (() => void) | undefined
}

/** Creates a channel through `<MonitorApiProvider>`, then shows its secret once in place of the form. */
export function ConnectedChannelForm({ onCreated, onDone, ...rest }: ConnectedChannelFormProps) {
  const create = useCreateChannel()
  const [created, setCreated] = useState<Channel | null>(null)
  if (created?.secret)
    return (
      <SecretReveal
        secret={created.secret}
        channelName={created.name}
        onDismiss={() => {
          setCreated(null)
          create.reset()
          onDone?.()
        }}
      />
    )
  return (
    <ChannelForm
      {...rest}
      onSubmit={(input) =>
        create.mutate(input, {
          onSuccess: (channel) => {
            setCreated(channel)
            onCreated?.(channel)
          },
        })
      }
      submitting={create.isPending}
      error={create.error}
    />
  )
}
