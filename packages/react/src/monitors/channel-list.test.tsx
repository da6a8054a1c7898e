import { SightlineError } from '@sightline/core'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { ChannelForm } from './channel-form'
import { ChannelList } from './channel-list'
import { ConnectedChannelForm, ConnectedChannelList, ConnectedDeliveryLog } from './connected-channel-list'
import { DeliveryLog } from './delivery-log'
import { SecretReveal } from './secret-reveal'
import { fakeMonitorServer } from './test-utils/fake-monitor-server'
import { channelListFixture, deliveriesFixture } from './test-utils/fixtures'
import { renderWithMonitorApi } from './test-utils/render-with-monitor-api'

describe('ChannelList', () => {
  it('lists channels; a disabled one says why and can be enabled; each opens its deliveries and rotates its secret', async () => {
    const onSelect = vi.fn()
    const onEnable = vi.fn()
    const onRotateSecret = vi.fn()
    const { container } = render(
      <ChannelList
        channels={channelListFixture}
        selectedId="ch-slack"
        onSelect={onSelect}
        onEnable={onEnable}
        onRotateSecret={onRotateSecret}
      />,
    )
    const rows = within(screen.getByRole('table', { name: 'Alert channels' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows[0]).toHaveTextContent('On-call webhook')
    expect(rows[0]).toHaveTextContent('Enabled')
    expect(rows[1]).toHaveTextContent('Slack')
    expect(rows[1]).toHaveAttribute('aria-current', 'true')
    expect(rows[2]).toHaveTextContent('Disabled')
    expect(rows[2]).toHaveTextContent('the receiver answered 410 Gone')
    expect(screen.getAllByRole('button', { name: /^Enable/ })).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Enable Old receiver' }))
    expect(onEnable).toHaveBeenCalledWith(channelListFixture[2], expect.anything())
    fireEvent.click(screen.getByRole('button', { name: 'Deliveries of On-call webhook' }))
    expect(onSelect).toHaveBeenCalledWith(channelListFixture[0], expect.anything())
    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret #alerts' }))
    expect(onRotateSecret).toHaveBeenCalledWith(channelListFixture[1], expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })

  it('teaches when empty, and shows errors with Retry', async () => {
    const { container, rerender } = render(<ChannelList channels={[]} onCreate={vi.fn()} />)
    expect(screen.getByText('No channels yet — add one so alerts reach you.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Add a channel' })).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    const onRetry = vi.fn()
    rerender(<ChannelList error="forbidden" onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the channels: forbidden')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalled()
  })
})

describe('SecretReveal', () => {
  it('warns that the secret shows once and copies it', async () => {
    const copy = vi.fn().mockResolvedValue(undefined)
    const onDismiss = vi.fn()
    const { container } = render(<SecretReveal secret="whsec_abc" channelName="Ops" copy={copy} onDismiss={onDismiss} />)
    expect(screen.getByRole('alert')).toHaveTextContent("Copy it now: it won't be shown again.")
    expect(screen.getByRole('textbox', { name: 'Signing secret' })).toHaveValue('whsec_abc')
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    expect(copy).toHaveBeenCalledWith('whsec_abc')
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(onDismiss).toHaveBeenCalled()
    expect(await axeViolations(container)).toEqual([])
  })

  it('selects the secret when the clipboard is refused', async () => {
    render(<SecretReveal secret="whsec_abc" copy={() => Promise.reject(new Error('denied'))} />)
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    expect(await screen.findByText('Could not copy: the secret is selected, press Ctrl+C.')).toBeInTheDocument()
  })
})

describe('DeliveryLog', () => {
  it('shows status, attempts, the last answer and the next try; Replay sends one again', async () => {
    const onReplay = vi.fn()
    const { container } = render(
      <DeliveryLog deliveries={deliveriesFixture} channel={channelListFixture[0]} onReplay={onReplay} replayingId="del-3" />,
    )
    const rows = within(screen.getByRole('table', { name: 'Deliveries to On-call webhook' }))
      .getAllByRole('row')
      .slice(1)
    expect(rows[0]).toHaveTextContent('Delivered')
    expect(rows[1]).toHaveTextContent('Failed')
    expect(rows[1]).toHaveTextContent('500 receiver answered 500 Internal Server Error')
    expect(rows[2]).toHaveTextContent('Retrying')
    expect(rows[2]).toHaveTextContent('next')
    expect(rows[3]).toHaveTextContent('Replaying…')
    fireEvent.click(screen.getByRole('button', { name: 'Replay delivery del-1' }))
    expect(onReplay).toHaveBeenCalledWith(deliveriesFixture[1], expect.anything())
    expect(await axeViolations(container)).toEqual([])
  })

  it('teaches when empty', () => {
    render(<DeliveryLog deliveries={[]} />)
    expect(screen.getByText('Nothing sent yet.')).toBeInTheDocument()
  })
})

describe('ChannelForm', () => {
  it('checks the name and URL before submitting, and shows server issues beside their fields', async () => {
    const onSubmit = vi.fn()
    const { container, rerender } = render(<ChannelForm onSubmit={onSubmit} />)
    fireEvent.click(screen.getByRole('button', { name: 'Create channel' }))
    expect(onSubmit).not.toHaveBeenCalled()
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true')
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Ops' } })
    fireEvent.click(screen.getByRole('radio', { name: 'Slack incoming webhook' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'https://hooks.slack.com/services/x' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create channel' }))
    expect(onSubmit).toHaveBeenCalledWith({ name: 'Ops', kind: 'slack', url: 'https://hooks.slack.com/services/x' }, expect.anything())
    rerender(
      <ChannelForm
        onSubmit={onSubmit}
        error={new SightlineError(400, 'validation_failed', 'invalid', [{ path: ['url'], message: 'the address is private' }])}
      />,
    )
    expect(screen.getByRole('textbox', { name: 'URL' })).toHaveAccessibleDescription('the address is private')
    expect(await axeViolations(container)).toEqual([])
  })
})

describe('connected channels', () => {
  it('creates a channel and shows its secret once', async () => {
    const server = fakeMonitorServer()
    const onCreated = vi.fn()
    renderWithMonitorApi(<ConnectedChannelForm onCreated={onCreated} />, server.fetch)
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Ops' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'https://ops.example.com/hook' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create channel' }))
    expect(await screen.findByRole('textbox', { name: 'Signing secret' })).toHaveValue('whsec_new1')
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ name: 'Ops', secret: 'whsec_new1' }))
    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('textbox', { name: 'Signing secret' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Create channel' })).toBeInTheDocument()
  })

  it('rotates a secret and shows it; enables a disabled channel', async () => {
    const server = fakeMonitorServer()
    renderWithMonitorApi(<ConnectedChannelList />, server.fetch)
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate secret On-call webhook' }))
    expect(await screen.findByRole('textbox', { name: 'Signing secret' })).toHaveValue('whsec_rotated1')
    expect(screen.getByRole('heading', { name: 'Signing secret for On-call webhook' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Enable Old receiver' }))
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Enable Old receiver' })).not.toBeInTheDocument())
    expect(server.calls.find((c) => c.method === 'PATCH')).toEqual({ method: 'PATCH', path: '/channels/ch-old', body: { enabled: true } })
  })

  it('pages the delivery log and replays a delivery', async () => {
    const server = fakeMonitorServer({ deliveryCount: 7 })
    renderWithMonitorApi(<ConnectedDeliveryLog channelId="ch-oncall" pageSize={5} refetchInterval={false} />, server.fetch)
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Replay/ })).toHaveLength(5))
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Replay/ })).toHaveLength(7))
    fireEvent.click(screen.getByRole('button', { name: 'Replay delivery del-1' }))
    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST' && c.path === '/deliveries/del-1/replay')).toBe(true))
  })
})
