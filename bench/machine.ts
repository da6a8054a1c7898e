import { cpus, totalmem } from 'node:os'

/** One line naming the machine, printed above every figure. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Times `run` `n` times after `warmup` runs; returns p50/p95 in ms. */
export async function sample(n: number, run: (i: number) => Promise<unknown>, warmup = 10) {
  for (let i = 0; i < warmup; i++) await run(i)
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await run(i)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95), n }
}

export const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`
