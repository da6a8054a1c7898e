import { MonitorSeries } from '@sightline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fn } from 'storybook/test'
import { makeMonitors, monitorListFixture, NOW } from './monitor-fixtures'

const meta = {
  title: 'Monitors/MonitorSeries',
  component: MonitorSeries,
  args: { monitor: monitorListFixture[0]!, onOpenTraces: fn(), now: NOW, timeZone: 'UTC' },
} satisfies Meta<typeof MonitorSeries>

export default meta
type Story = StoryObj<typeof meta>

export const Normal: Story = {}

export const OneSeries: Story = { name: 'One series', args: { monitor: monitorListFixture[1]! } }

export const NotEvaluated: Story = { name: 'Empty: not evaluated yet', args: { monitor: { ...monitorListFixture[3]!, active: true } } }

export const Off: Story = { name: 'Empty: off', args: { monitor: monitorListFixture[3]! } }

export const Huge: Story = { name: 'Huge (25 groups)', args: { monitor: makeMonitors(1)[0]! } }
