// Bundle-size budgets: each entry is bundled and minified as an app would ship it, then gzipped.
// Exits 1 when an entry is over budget, or missing (unless SIZE_ALLOW_MISSING=1).
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const ROOT = resolve(import.meta.dirname, '..')

interface Entry {
  name: string
  /** relative to the repository root */
  file: string
  /** min+gzip bytes */
  budget: number
  external?: string[]
  /** input paths that must never end up in the bundle (zod stays out of the feedback kit) */
  forbidden?: RegExp
}

const ENTRIES: Entry[] = [
  { name: 'feedback (headless)', file: 'packages/feedback/src/index.ts', budget: 2560, forbidden: /\/zod\// },
  { name: '<sightline-feedback>', file: 'packages/feedback/src/element/index.ts', budget: 6144, forbidden: /\/zod\// },
  {
    name: 'react FeedbackButtons',
    file: 'packages/react/src/feedback/index.ts',
    budget: 4096,
    external: ['react', 'react-dom', 'react/jsx-runtime'],
  },
]

interface Row {
  entry: string
  min: string
  gzip: string
  budget: string
  result: string
}

async function measure(entry: Entry): Promise<{ row: Row; ok: boolean }> {
  const row = { entry: entry.name, min: '-', gzip: '-', budget: String(entry.budget) }
  if (!existsSync(join(ROOT, entry.file))) {
    const allowed = process.env.SIZE_ALLOW_MISSING === '1'
    return { row: { ...row, result: allowed ? 'missing (SIZE_ALLOW_MISSING=1)' : 'missing' }, ok: allowed }
  }
  try {
    const out = await build({
      entryPoints: [join(ROOT, entry.file)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      external: entry.external,
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const code = out.outputFiles[0].contents
    const gzip = gzipSync(code, { level: 9 }).length
    const leaked = Object.keys(out.metafile.inputs).filter((f) => entry.forbidden?.test(f))
    const over = gzip > entry.budget
    const result = leaked.length ? `bundles ${leaked[0]}` : over ? 'OVER BUDGET' : 'ok'
    return { row: { ...row, min: String(code.length), gzip: String(gzip), result }, ok: !over && !leaked.length }
  } catch (e) {
    return { row: { ...row, result: `build failed: ${(e as Error).message.split('\n')[0]}` }, ok: false }
  }
}

const results = await Promise.all(ENTRIES.map(measure))
const header: Row = { entry: 'entry', min: 'min B', gzip: 'min+gzip B', budget: 'budget B', result: 'result' }
const rows = [header, ...results.map((r) => r.row)]
const columns = Object.keys(header) as (keyof Row)[]
const widths = columns.map((c) => Math.max(...rows.map((r) => r[c].length)))
for (const r of rows) {
  // Names left-aligned, numbers right-aligned.
  console.log(columns.map((c, i) => (c === 'entry' || c === 'result' ? r[c].padEnd(widths[i]) : r[c].padStart(widths[i]))).join('  ').trimEnd())
}
if (results.some((r) => !r.ok)) {
  console.error('size: an entry is over budget, failed to build or is missing (SIZE_ALLOW_MISSING=1 lets missing ones pass)')
  process.exit(1)
}
