import type { Channel } from '@sightline/core'
import type { ComponentPropsWithoutRef, ReactNode, SyntheticEvent } from 'react'
import { cx } from '../utils/cx'
import { errorMessage } from '../utils/error-alert'
import { ListPanel, listState } from '../utils/list-panel'
import { SecretReveal } from './secret-reveal'

export interface RevealedSecret {
  channelId: string
  secret: string
}

export interface ChannelListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'title' | 'onSelect'> {
  channels?: readonly Channel[] | undefined
  loading?: boolean | undefined
  error?: Error | string | null | undefined
  onRetry?: (() => void) | undefined
  /** "Deliveries" on a channel: show its delivery log */
  onSelect?: ((channel: Channel, event: SyntheticEvent) => void) | undefined
  /** the channel whose log shows (marked aria-current) */
  selectedId?: string | null | undefined
  /** "New channel", in the header and the empty state */
  onCreate?: ((event: SyntheticEvent) => void) | undefined
  /** "Rotate secret"; without it no button shows */
  onRotateSecret?: ((channel: Channel, event: SyntheticEvent) => void) | undefined
  rotatingId?: string | null | undefined
  /** "Enable" on a channel the receiver disabled (410 Gone) */
  onEnable?: ((channel: Channel, event: SyntheticEvent) => void) | undefined
  enablingId?: string | null | undefined
  /** a failed rotate or enable, shown above the list */
  actionError?: Error | string | null | undefined
  /** a secret just created or rotated: shown once, with its channel */
  revealedSecret?: RevealedSecret | null | undefined
  onDismissSecret?: (() => void) | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

/**
 * The project's alert channels (webhooks and Slack): where each sends, whether it is enabled (a
 * disabled one says why, with Enable), secret rotation, and the way to its delivery log. Data
 * from props (see `ConnectedChannelList`).
 */
export function ChannelList(props: ChannelListProps) {
  const {
    channels,
    loading = false,
    error = null,
    onRetry,
    onSelect,
    selectedId,
    onCreate,
    onRotateSecret,
    rotatingId = null,
    onEnable,
    enablingId = null,
    actionError = null,
    revealedSecret,
    onDismissSecret,
    headingLevel = 2,
    title = 'Alert channels',
    className,
    ...rest
  } = props
  const state = listState(channels, error, loading)
  const revealedChannel = revealedSecret && channels?.find((c) => c.id === revealedSecret.channelId)
  const createButton = (children: ReactNode) =>
    onCreate && (
      <button type="button" className="sl-button" onClick={onCreate}>
        {children}
      </button>
    )
  const busyButton = (
    label: string,
    busyLabel: string,
    busy: boolean,
    channel: Channel,
    onClick: (c: Channel, e: SyntheticEvent) => void,
  ) => (
    <button type="button" className="sl-button" aria-disabled={busy || undefined} onClick={(e) => !busy && onClick(channel, e)}>
      {busy ? busyLabel : label}
      <span className="sl-visually-hidden"> {channel.name}</span>
    </button>
  )

  return (
    <ListPanel
      {...rest}
      className={cx('sl-channel-list', className)}
      title={title}
      headingLevel={headingLevel}
      state={state}
      what="channels"
      error={error}
      onRetry={onRetry}
      action={createButton('New channel')}
      notice={
        <>
          {actionError && (
            <p role="alert" className="sl-error-text">
              Could not change the channel: {errorMessage(actionError)}
            </p>
          )}
          {revealedSecret && (
            <SecretReveal
              secret={revealedSecret.secret}
              channelName={revealedChannel ? revealedChannel.name : undefined}
              onDismiss={onDismissSecret}
            />
          )}
        </>
      }
      empty={
        <>
          <p>No channels yet — add one so alerts reach you.</p>
          <p className="sl-muted">
            A webhook channel POSTs each fired and resolved alert as JSON, signed with the channel's secret (Standard Webhooks); a Slack
            channel posts to an incoming-webhook URL. Failed deliveries are retried and can be replayed from the log.
          </p>
          {createButton('Add a channel')}
        </>
      }
    >
      {(titleId) => (
        <div className="sl-list-panel__scroll">
          <table className="sl-table sl-channel-list__table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">URL</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sl-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {channels!.map((channel) => {
                const selected = channel.id === selectedId
                const disabled = channel.disabledReason !== null
                return (
                  <tr
                    key={channel.id}
                    data-channel-id={channel.id}
                    data-state={selected ? 'selected' : disabled ? 'disabled' : 'enabled'}
                    aria-current={selected ? 'true' : undefined}
                  >
                    <th scope="row">{channel.name}</th>
                    <td>{channel.kind === 'slack' ? 'Slack' : 'Webhook'}</td>
                    <td className="sl-channel-list__url" title={channel.url}>
                      {channel.url}
                    </td>
                    <td>
                      <div className="sl-channel-list__status">
                        <span className="sl-badge sl-delivery-status" data-status={disabled ? 'disabled' : 'delivered'}>
                          {disabled ? 'Disabled' : 'Enabled'}
                        </span>
                        {disabled && <p className="sl-channel-list__reason">{channel.disabledReason}</p>}
                      </div>
                    </td>
                    <td>
                      <div className="sl-channel-list__actions">
                        {onSelect && (
                          <button type="button" className="sl-button" aria-pressed={selected} onClick={(e) => onSelect(channel, e)}>
                            Deliveries<span className="sl-visually-hidden"> of {channel.name}</span>
                          </button>
                        )}
                        {disabled && onEnable && busyButton('Enable', 'Enabling…', enablingId === channel.id, channel, onEnable)}
                        {onRotateSecret && busyButton('Rotate secret', 'Rotating…', rotatingId === channel.id, channel, onRotateSecret)}
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </ListPanel>
  )
}
