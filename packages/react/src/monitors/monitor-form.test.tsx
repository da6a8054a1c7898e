import { SightlineError } from '@sightline/core'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { axeViolations } from '../test-utils/axe'
import { pickOption } from '../test-utils/select'
import { prepareBacktestChart } from './backtest-chart'
import { ConnectedMonitorForm } from './connected-monitor-form'
import { draftToInput, EMPTY_MONITOR_DRAFT, monitorToDraft } from './monitor-draft'
import { MonitorForm } from './monitor-form'
import { fakeMonitorServer } from './test-utils/fake-monitor-server'
import { backtestFixture, channelListFixture, monitorListFixture, NOW } from './test-utils/fixtures'
import { renderWithMonitorApi } from './test-utils/render-with-monitor-api'

const type = (name: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(name), { target: { value } })

describe('monitor drafts', () => {
  it('round-trips a monitor and checks what the browser can', () => {
    const monitor = monitorListFixture[1]!
    expect(draftToInput(monitorToDraft(monitor))).toEqual({
      ok: true,
      value: {
        name: 'Error rate in production',
        metric: 'errorRate',
        filter: { environment: 'production' },
        window: '5m',
        condition: { kind: 'threshold', op: '>', value: 0.05 },
        minSamples: 20,
        channelIds: ['ch-oncall'],
        cooldownMinutes: 60,
        timeZone: 'Europe/Berlin',
        active: true,
      },
    })
    const bad = draftToInput({
      ...EMPTY_MONITOR_DRAFT,
      metric: 'score.<name>.rate.<value>',
      conditionKind: 'anomaly',
      cooldownMinutes: '-1',
      timeZone: 'Mars/Olympus',
    })
    expect(bad).toEqual({
      ok: false,
      errors: {
        name: 'Give the monitor a name',
        metric: 'Fill in the score name and value, e.g. score.helpfulness.rate.bad',
        window: 'Anomaly detection needs a window of 1h or more',
        cooldownMinutes: 'Whole minutes, 0 to 10080 (a week)',
        timeZone: 'An IANA time zone, e.g. Europe/Berlin or UTC',
      },
    })
  })

  it('scales a backtest into the chart box', () => {
    const model = prepareBacktestChart(backtestFixture(), { kind: 'threshold', op: '>', value: 0.05 })
    expect(model.lines).toHaveLength(1)
    expect(model.lines[0]!.breaches.length).toBe(3)
    expect(model.alerts).toHaveLength(1)
    expect(model.threshold).toBeGreaterThan(0)
    expect(prepareBacktestChart({ alerts: [], series: [] }, { kind: 'anomaly', direction: 'up' }).lines).toEqual([])
  })
})

describe('MonitorForm', () => {
  it('builds a threshold monitor with its channels', async () => {
    const onSubmit = vi.fn()
    const { container } = render(<MonitorForm channels={channelListFixture} onSubmit={onSubmit} />)
    fireEvent.click(screen.getByRole('button', { name: 'Save monitor' }))
    expect(onSubmit).not.toHaveBeenCalled()
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Give the monitor a name')
    type('Name', 'Slow answers')
    type('Metric', 'latency.p95')
    type('Filter', 'environment=production')
    type('Threshold', '4000')
    fireEvent.click(screen.getByRole('checkbox', { name: /#alerts/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Save monitor' }))
    expect(onSubmit).toHaveBeenCalledWith(
      {
        name: 'Slow answers',
        metric: 'latency.p95',
        filter: { environment: 'production' },
        window: '5m',
        condition: { kind: 'threshold', op: '>', value: 4000 },
        channelIds: ['ch-slack'],
        cooldownMinutes: 60,
        active: true,
      },
      expect.anything(),
    )
    expect(await axeViolations(container)).toEqual([])
  })

  it('asks for a longer window for anomalies, and shows server issues beside their fields', async () => {
    const onSubmit = vi.fn()
    const { rerender } = render(<MonitorForm onSubmit={onSubmit} />)
    type('Name', 'Odd cost')
    fireEvent.click(screen.getByRole('radio', { name: 'Moves unusually far from its usual level' }))
    expect(screen.getByText('Pick a window of 1h or more for anomalies.')).toBeInTheDocument()
    pickOption(screen.getByRole('combobox', { name: 'Window' }), '1h')
    expect(screen.queryByText('Pick a window of 1h or more for anomalies.')).not.toBeInTheDocument()
    pickOption(screen.getByRole('combobox', { name: 'Direction' }), 'rises or drops')
    fireEvent.click(screen.getByRole('button', { name: 'Save monitor' }))
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ window: '1h', condition: { kind: 'anomaly', direction: 'both', sensitivity: 'medium' } }),
      expect.anything(),
    )
    rerender(
      <MonitorForm
        onSubmit={onSubmit}
        error={new SightlineError(400, 'validation_failed', 'invalid', [{ path: ['metric'], message: 'unknown metric "errRate"' }])}
      />,
    )
    expect(screen.getByLabelText('Metric')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText('unknown metric "errRate"')).toBeInTheDocument()
  })

  it('previews the unsaved monitor over the last days and draws the result', async () => {
    const onBacktest = vi.fn()
    const { rerender, container } = render(
      <MonitorForm defaultValue={monitorListFixture[1]} onSubmit={vi.fn()} onBacktest={onBacktest} now={NOW} />,
    )
    expect(screen.getByRole('heading', { name: 'Edit Error rate in production' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(onBacktest).toHaveBeenCalledWith({
      monitor: expect.objectContaining({ metric: 'errorRate' }),
      from: new Date(NOW - 7 * 86_400_000).toISOString(),
      to: new Date(NOW).toISOString(),
    })
    rerender(
      <MonitorForm
        defaultValue={monitorListFixture[1]}
        onSubmit={vi.fn()}
        onBacktest={onBacktest}
        now={NOW}
        backtest={backtestFixture()}
      />,
    )
    expect(screen.getByRole('figure')).toHaveTextContent('Would have fired once in this period.')
    type('Threshold', '0.2')
    expect(screen.getByText('The settings changed since this preview: run it again.')).toBeInTheDocument()
    expect(await axeViolations(container)).toEqual([])
    rerender(<MonitorForm onSubmit={vi.fn()} onBacktest={onBacktest} backtestError="not found" />)
    expect(screen.getByRole('alert')).toHaveTextContent('Could not run the preview: not found')
  })
})

describe('ConnectedMonitorForm', () => {
  it('offers the channels, previews through the API and creates the monitor', async () => {
    const server = fakeMonitorServer()
    const onSaved = vi.fn()
    renderWithMonitorApi(<ConnectedMonitorForm onSaved={onSaved} now={NOW} />, server.fetch)
    expect(await screen.findByRole('checkbox', { name: /On-call webhook/ })).toBeInTheDocument()
    type('Name', 'Errors')
    type('Threshold', '0.1')
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(await screen.findByRole('figure')).toHaveTextContent('Would have fired once')
    fireEvent.click(screen.getByRole('button', { name: 'Save monitor' }))
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'mon-5', name: 'Errors' })))
    expect(server.calls.find((c) => c.path === '/monitors/backtest')?.body).toMatchObject({ monitor: { name: 'Errors' } })
  })
})
