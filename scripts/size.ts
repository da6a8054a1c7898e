// Bundle-size budgets, measured on the built packages (`pnpm build`): each entry is bundled and
// minified as an app would ship it, resolving @sightline/* to their published dist files, then
// gzipped. Exits 1 when an entry is over budget, or missing (unless SIZE_ALLOW_MISSING=1).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { publicPackages, ROOT } from './packages'

interface Entry {
  name: string
  /** relative to the repository root */
  file: string
  /** min+gzip bytes */
  budget: number
  external?: string[]
  /** input paths that must never end up in the bundle (zod stays out of the feedback kit) */
  forbidden?: RegExp
  /** a finished file for a <script> tag: gzipped as it is, not bundled again */
  asIs?: boolean
}

const ENTRIES: Entry[] = [
  { name: 'feedback (headless)', file: 'packages/feedback/dist/index.js', budget: 2560, forbidden: /\/zod\// },
  { name: '<sightline-feedback>', file: 'packages/feedback/dist/element.js', budget: 6144, forbidden: /\/zod\// },
  { name: 'sightline-feedback.js (script)', file: 'packages/feedback/dist/sightline-feedback.js', budget: 6656, asIs: true },
  {
    name: 'react FeedbackButtons',
    file: 'packages/react/dist/feedback.js',
    budget: 4096,
    external: ['react', 'react-dom', 'react/jsx-runtime'],
  },
]

/** Resolves `@sightline/<pkg>[/sub]` as the packed manifest would: through publishConfig.exports to dist. */
const publishedSightline: Plugin = {
  name: 'published-sightline',
  setup(b) {
    const manifests = new Map(
      publicPackages().map((p) => [p.name, { dir: p.dir, json: JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8')) }]),
    )
    b.onResolve({ filter: /^@sightline\// }, (args) => {
      const [scope, name, ...sub] = args.path.split('/')
      const pkg = manifests.get(`${scope}/${name}`)
      const target = pkg?.json.publishConfig?.exports?.[sub.length ? `./${sub.join('/')}` : '.']
      const file = typeof target === 'string' ? target : target?.import
      return file ? { path: join(pkg!.dir, file) } : { errors: [{ text: `${args.path} has no published entry` }] }
    })
  },
}

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
    let code: Uint8Array
    let inputs: string[] = []
    if (entry.asIs) code = readFileSync(join(ROOT, entry.file))
    else {
      const out = await build({
        entryPoints: [join(ROOT, entry.file)],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        ...(entry.external && { external: entry.external }),
        plugins: [publishedSightline],
        write: false,
        metafile: true,
        logLevel: 'silent',
      })
      code = out.outputFiles[0]!.contents // one entry, one file
      inputs = Object.keys(out.metafile.inputs)
    }
    const gzip = gzipSync(code, { level: 9 }).length
    const leaked = inputs.filter((f) => entry.forbidden?.test(f))
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
  console.log(
    columns
      .map((c, i) => (c === 'entry' || c === 'result' ? r[c].padEnd(widths[i]!) : r[c].padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  )
}
if (results.some((r) => !r.ok)) {
  console.error('size: an entry is over budget, failed to build or is missing (SIZE_ALLOW_MISSING=1 lets missing ones pass)')
  process.exit(1)
}
