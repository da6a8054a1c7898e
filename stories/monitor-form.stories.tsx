import { ChannelForm, MonitorForm, SecretReveal } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { backtestFixture, channelListFixture, makeBacktest, makeChannels, monitorListFixture, NOW } from './monitor-fixtures'

const meta = {
  title: 'Monitors/MonitorForm',
  component: MonitorForm,
  args: { channels: channelListFixture, onSubmit: fn(), onCancel: fn(), onBacktest: fn(), now: NOW, timeZone: 'UTC' },
} satisfies Meta<typeof MonitorForm>

export default meta
type Story = StoryObj<typeof meta>

export const New: Story = {}

export const Edit: Story = { args: { defaultValue: monitorListFixture[1]! } }

export const WithPreview: Story = { name: 'With backtest', args: { defaultValue: monitorListFixture[1]!, backtest: backtestFixture() } }

export const PreviewLoading: Story = {
  name: 'Loading (backtest running)',
  args: { defaultValue: monitorListFixture[1]!, backtesting: true },
}

export const PreviewEmpty: Story = {
  name: 'Empty (would not have fired)',
  args: { defaultValue: monitorListFixture[1]!, backtest: { alerts: [], series: backtestFixture().series } },
}

export const ErrorState: Story = {
  name: 'Error',
  args: { defaultValue: monitorListFixture[1]!, error: 'the secret key is needed to manage monitors', backtestError: 'not found' },
}

export const NoChannels: Story = {
  name: 'No channels, no preview',
  args: { channels: [] },
  // Without onBacktest the form leaves the preview out (a server without the backtest route).
  render: ({ onBacktest: _, ...args }) => <MonitorForm {...args} />,
}

export const Huge: Story = {
  name: 'Huge (8 groups, 40 alerts, 60 channels)',
  args: { defaultValue: monitorListFixture[0]!, backtest: makeBacktest(8), channels: makeChannels(60) },
}

export const Channel: StoryObj<typeof ChannelForm> = {
  name: 'ChannelForm',
  render: () => <ChannelForm onSubmit={fn()} onCancel={fn()} />,
}

export const ChannelSecret: StoryObj<typeof SecretReveal> = {
  name: 'SecretReveal (after create)',
  render: () => <SecretReveal secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" channelName="On-call webhook" onDismiss={fn()} />,
}
