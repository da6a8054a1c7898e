import { MonitorList } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { makeMonitors, monitorListFixture, NOW } from './monitor-fixtures'

const meta = {
  title: 'Monitors/MonitorList',
  component: MonitorList,
  args: { monitors: monitorListFixture, onSelect: fn(), onCreate: fn(), onRetry: fn(), onOpenTraces: fn(), now: NOW, timeZone: 'UTC' },
} satisfies Meta<typeof MonitorList>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = { args: { selectedId: 'mon-latency' } }

export const Loading: Story = { args: { monitors: undefined, loading: true } }

export const Empty: Story = { args: { monitors: [] } }

export const ErrorState: Story = { name: 'Error', args: { monitors: undefined, error: 'the secret key is needed to manage monitors' } }

export const Huge: Story = { name: 'Huge (300 monitors, 25 groups each fourth)', args: { monitors: makeMonitors(300) } }
