import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildSpanModel, createClient, type SpanInput, type SpanType } from '@sightline/core'
import { launchBrowser } from '../e2e/harness'
import { ROOT, startCli } from '../scripts/cli-process'
import { fmt, machineLine, percentile } from './machine'

// `pnpm bench` figures for the trace viewer with a huge trace, in Chromium. Figures only, never pass/fail.

const SECRET = 'sk-sl-bench-viewer'
const BATCH = 5_000
const SCROLL_FRAMES = 600
const TOGGLE_RUNS = 5
/** page loads measured for "interactive" after one warm-up (server and browser start), each with an empty cache */
const LOADS = 5
const TYPES: SpanType[] = ['span', 'generation', 'tool', 'retriever', 'chain', 'embedding']

/** One trace of `count` spans with a random tree depth: chains, bushes and far jumps mixed (deterministic). */
function hugeTrace(traceId: string, count: number): SpanInput[] {
  let seed = 42
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const t0 = Date.now() - 10 * 60_000
  const spans: SpanInput[] = []
  for (let i = 0; i < count; i++) {
    const r = rnd()
    const parent = i === 0 ? null : r < 0.3 ? i - 1 : r < 0.8 ? Math.max(0, i - 1 - Math.floor(rnd() * 50)) : Math.floor(rnd() * i)
    const type = i === 0 ? 'agent' : TYPES[Math.floor(rnd() * TYPES.length)]
    const start = t0 + i * 5
    spans.push({
      id: `s${i}`,
      traceId,
      parentId: parent === null ? null : `s${parent}`,
      name: `${type}-step-${i}`,
      type,
      startTime: start,
      endTime: start + 1 + Math.floor(rnd() * 400),
      ...(type === 'generation' && {
        model: 'gpt-4o-mini',
        usage: { input: 120, output: 40 },
        cost: { input: 0.000018, output: 0.000024 },
      }),
      input: { step: i, query: 'how do invoices work' },
      output: { ok: true },
    })
  }
  return spans
}

/**
 * Runs in the page before its own scripts: notes when the first tree item is rendered and focusable.
 * A string, so no bundler helper (tsx names functions) ends up in the page.
 */
const WATCH_FOR_TREE = `(() => {
  const check = () => {
    const item = document.querySelector('[role="treeitem"][tabindex="0"]')
    if (item && item.offsetHeight > 0) window.__slInteractive = performance.now()
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`

export interface TraceViewerFigures {
  spans: number
  ingestSeconds: number
  /** the median load; its parts below are of that same load */
  interactiveMs: number
  /** the slowest of the LOADS loads */
  interactiveMaxMs: number
  skeletonMs: number
  /** navigation start → the skeleton request leaves (page load, token) */
  skeletonStart: number
  /** skeleton received → tree interactive (parse, tree building, first render) */
  afterSkeletonMs: number
  collapseAllMs: number
  expandAllMs: number
  scroll: { frames: number; vsync: number; p50: number; p95: number; dropped: number }
  reportedSpans: number
  rows: number
  endReachesLast: boolean
  lastRendered: boolean
}

/** Ingests one huge trace, opens it in the playground admin page in Chromium and measures the viewer. */
export async function benchTraceViewer({
  spans = 50_000,
  printMachine = true,
}: {
  spans?: number
  printMachine?: boolean
} = {}): Promise<TraceViewerFigures> {
  if (printMachine) console.log(`Machine: ${machineLine()}\n`)
  if (!existsSync(join(ROOT, 'playground/dist/index.html'))) execFileSync('pnpm', ['build:playground'], { cwd: ROOT, stdio: 'inherit' })

  const server = await startCli(['--demo', '--static', 'playground/dist'], { SIGHTLINE_SECRET_KEY: SECRET })
  const browser = await launchBrowser()
  try {
    const client = createClient({ baseUrl: server.url, secretKey: SECRET })
    const traceId = `bench-viewer-${spans}`
    const all = hugeTrace(traceId, spans)
    const t = performance.now()
    for (let i = 0; i < all.length; i += BATCH)
      await client.ingest({
        ...(i === 0 && { traces: [{ id: traceId, name: `${spans} spans`, environment: 'bench' }] }),
        spans: all.slice(i, i + BATCH),
      })
    const ingestSeconds = (performance.now() - t) / 1000
    // The viewer's own model: the last row when everything is expanded.
    const expectedLast = buildSpanModel(
      all.map((s) => ({ id: s.id, parentId: s.parentId ?? null, startTime: s.startTime as number })),
    ).order.at(-1)!.span.id

    /** Opens the trace in a new page with an empty cache and notes when its tree became interactive. */
    const load = async () => {
      const page = await browser.newPage()
      page.on('pageerror', (e) => console.log('  page error:', e.message))
      await page.setViewportSize({ width: 1400, height: 1000 })
      await (await browser.newCDPSession(page)).send('Network.clearBrowserCache')
      await page.addInitScript(WATCH_FOR_TREE)
      await page.goto(`${server.url}/#/admin?trace=${traceId}`)
      await page.waitForFunction(() => (window as unknown as { __slInteractive?: number }).__slInteractive !== undefined, null, {
        timeout: 120_000,
      })
      const timing = await page.evaluate(() => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('fields=skeleton')) as
          | PerformanceResourceTiming
          | undefined
        const interactiveMs = (window as unknown as { __slInteractive: number }).__slInteractive
        return {
          interactiveMs,
          skeletonMs: entry ? entry.responseEnd - entry.startTime : Number.NaN,
          afterSkeletonMs: entry ? interactiveMs - entry.responseEnd : Number.NaN,
          skeletonStart: entry ? entry.startTime : Number.NaN,
        }
      })
      return { page, timing }
    }
    // The last page stays open for the measures that follow.
    const loads: Awaited<ReturnType<typeof load>>['timing'][] = []
    let page = (await load()).page
    for (let i = 1; i <= LOADS; i++) {
      await page.close()
      const next = await load()
      page = next.page
      loads.push(next.timing)
    }
    loads.sort((a, b) => a.interactiveMs - b.interactiveMs)
    const { interactiveMs, skeletonMs, afterSkeletonMs, skeletonStart } = loads[Math.floor(LOADS / 2)]!

    const tree = page.getByRole('tree', { name: 'Spans' })
    const reportedSpans = Number(await tree.getAttribute('data-span-count'))

    // Click to the next frame being painted, in the page, so no round trip to Node is counted.
    const toggle = (name: string) =>
      page.evaluate(async (label) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === label)!
        const start = performance.now()
        button.click()
        await new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)))
        return performance.now() - start
      }, name)
    const collapse: number[] = []
    const expand: number[] = []
    for (let i = 0; i < TOGGLE_RUNS; i++) {
      collapse.push(await toggle('Collapse all'))
      expand.push(await toggle('Expand all'))
    }
    const rows = Number(await tree.getAttribute('data-row-count'))

    // Scroll the tree from top to end in equal steps, one a frame, and time the frames.
    const scroll = await page.evaluate(async (frames) => {
      const el = document.querySelector<HTMLElement>('[role="tree"]')!
      el.scrollTop = 0
      // The frame interval of this display when idle: the yardstick for a dropped frame.
      const idle: number[] = []
      let prev = await new Promise<number>((r) => requestAnimationFrame(r))
      for (let i = 0; i < 30; i++) {
        const now = await new Promise<number>((r) => requestAnimationFrame(r))
        idle.push(now - prev)
        prev = now
      }
      idle.sort((a, b) => a - b)
      const step = (el.scrollHeight - el.clientHeight) / frames
      const times: number[] = []
      let last = performance.now()
      for (let i = 1; i <= frames; i++) {
        el.scrollTop = Math.round(step * i)
        await new Promise((r) => requestAnimationFrame(r))
        const now = performance.now()
        times.push(now - last)
        last = now
      }
      return { times, vsync: idle[15]! } // the median of the 30
    }, SCROLL_FRAMES)
    const sorted = [...scroll.times].sort((a, b) => a - b)
    const lastRendered = (await page.locator(`[role="treeitem"][data-span-id="${expectedLast}"]`).count()) === 1

    await tree.getByRole('treeitem').first().focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('End')
    const endReachesLast = (await page.evaluate(() => (document.activeElement as HTMLElement).dataset.spanId)) === expectedLast

    const median = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      )
    const figures: TraceViewerFigures = {
      spans,
      ingestSeconds,
      interactiveMs,
      interactiveMaxMs: loads.at(-1)!.interactiveMs,
      skeletonMs,
      skeletonStart,
      afterSkeletonMs,
      collapseAllMs: median(collapse),
      expandAllMs: median(expand),
      // A frame that took more than 1.5 idle frame intervals dropped at least one frame.
      scroll: {
        frames: sorted.length,
        vsync: scroll.vsync,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        dropped: sorted.filter((d) => d > scroll.vsync * 1.5).length,
      },
      reportedSpans,
      rows,
      endReachesLast,
      lastRendered,
    }
    print(figures)
    return figures
  } finally {
    await browser.close()
    await server.stop()
  }
}

function print(f: TraceViewerFigures) {
  const n = (x: number) => x.toLocaleString('en')
  console.log(`Trace viewer, one trace of ${n(f.spans)} spans (playground admin page, Chromium headless, loopback)`)
  console.log(`  ingest: ${n(f.spans)} spans in batches of ${n(BATCH)}: ${f.ingestSeconds.toFixed(1)} s`)
  console.log(
    `  interactive (navigation start → first tree item rendered and focusable, ${LOADS} loads with an empty cache): median ${fmt(f.interactiveMs)}, slowest ${fmt(f.interactiveMaxMs)}  (budget ≤ 1 s)`,
  )
  console.log(
    `    of the median load: page and token until the skeleton request: ${fmt(f.skeletonStart)}; the request (${n(f.spans)} spans, no payloads): ${fmt(f.skeletonMs)}; response → interactive: ${fmt(f.afterSkeletonMs)}`,
  )
  console.log(
    `  collapse all: median ${fmt(f.collapseAllMs)}, expand all: median ${fmt(f.expandAllMs)} (${TOGGLE_RUNS} runs, click → next frame; budget ≤ 50 ms)`,
  )
  console.log(
    `  scroll to the end in ${f.scroll.frames} frames: frame p50 ${fmt(f.scroll.p50)}, p95 ${fmt(f.scroll.p95)}, ${f.scroll.dropped} dropped (> 1.5 × the idle frame of ${fmt(f.scroll.vsync)})`,
  )
  console.log(
    `  spans reported by the tree: ${n(f.reportedSpans)}, rows when expanded: ${n(f.rows)}, last span rendered at the end: ${f.lastRendered ? 'yes' : 'NO'}, End key reaches it: ${f.endReachesLast ? 'yes' : 'NO'}  (budget: no span dropped)`,
  )
}

// `node --import tsx bench/trace-viewer.ts` runs it alone.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await benchTraceViewer()
