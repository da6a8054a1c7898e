// The kit as an outsider gets it: the packed tarballs installed with npm into a fresh project
// outside the workspace, a strict TypeScript app type-checked and bundled with plain esbuild,
// `npx sightline serve` from the installed package on plain node, and Chromium on the result.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publicPackages, ROOT, tarballPath } from '../scripts/packages'
import { launchBrowser } from './harness'

const SECRET_KEY = 'sk-sl-consumer-test-secret-0000000000'
const PUBLIC_KEY = 'pk-sl-consumer-test-public-0000000000'
const INSTALL_TIMEOUT = 900_000

/** Versions the app takes from the registry: the ones the workspace is tested with. */
function workspaceRange(name: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/react/package.json'), 'utf8'))
  const range = manifest.devDependencies?.[name] ?? manifest.dependencies?.[name]
  if (!range) throw new Error(`packages/react does not name ${name}`)
  return range
}

/**
 * better-sqlite3 compiles from source where its prebuilt binary cannot be fetched; node-gyp then
 * needs headers, which this Node's own prefix has when they match its version (as .pnpmfile.cjs).
 */
function nodeGypEnv(): Record<string, string> {
  if (process.env.npm_config_nodedir) return {}
  const prefix = dirname(dirname(process.execPath))
  try {
    const h = readFileSync(join(prefix, 'include/node/node_version.h'), 'utf8')
    const v = (n: string) => new RegExp(`#define ${n} (\\d+)`).exec(h)?.[1]
    return `v${v('NODE_MAJOR_VERSION')}.${v('NODE_MINOR_VERSION')}.${v('NODE_PATCH_VERSION')}` === process.version
      ? { npm_config_nodedir: prefix }
      : {}
  } catch {
    return {}
  }
}

const APP = `
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient, type TraceSummary } from '@sightline/core'
import { createFeedback, type FeedbackClient } from '@sightline/feedback'
import { ConnectedTraceTable, ConnectedTraceViewer, FeedbackButtons, SightlineProvider } from '@sightline/react'
import '@sightline/react/styles.css'

const params = new URLSearchParams(location.hash.slice(1))
const client = createClient({ baseUrl: '', token: params.get('token') ?? '' })
const feedback: FeedbackClient = createFeedback({ endpoint: '', publicKey: params.get('pk') ?? '' })
const first: Promise<TraceSummary | undefined> = client.listTraces({ limit: 1 }).then((page) => page.data[0])
void first
void feedback

function App() {
  const [traceId, setTraceId] = useState<string | null>(null)
  return (
    <SightlineProvider client={client} theme="auto">
      {/* an optional prop passed a maybe-undefined value, as strict consumers do */}
      <ConnectedTraceTable onSelect={(id) => setTraceId(id)} live={params.has("live") ? true : undefined} />
      {traceId && <ConnectedTraceViewer traceId={traceId} />}
      <FeedbackButtons traceId="consumer-trace" endpoint="" publicKey={params.get('pk') ?? ''} />
    </SightlineProvider>
  )
}

const root = document.getElementById('root')
if (!root) throw new Error('no #root')
createRoot(root).render(<App />)
`

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    noEmit: true,
    types: [],
  },
  include: ['src'],
}

describe('the packed kit in a fresh project', () => {
  let dir: string
  let server: ChildProcess | undefined
  let url: string
  let output = ''
  let browser: BrowserContext

  const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
    execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })

  beforeAll(async () => {
    const tarballs = publicPackages().map((p) => ({ name: p.name, file: tarballPath(p) }))
    const missing = tarballs.filter((t) => !existsSync(t.file))
    if (missing.length) throw new Error(`${missing.map((t) => t.file).join(', ')} missing: run \`pnpm build && pnpm pack:all\` first`)

    dir = mkdtempSync(join(tmpdir(), 'sl-consumer-'))
    // Our unpublished names point at the tarballs, also where one package depends on another.
    const ours = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`]))
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'consumer-app',
        private: true,
        type: 'module',
        dependencies: {
          ...ours,
          react: workspaceRange('react'),
          'react-dom': workspaceRange('react-dom'),
          '@tanstack/react-query': workspaceRange('@tanstack/react-query'),
        },
        devDependencies: { '@types/react': workspaceRange('@types/react'), '@types/react-dom': workspaceRange('@types/react-dom') },
        overrides: ours,
      }),
    )
    mkdirSync(join(dir, 'src'))
    writeFileSync(join(dir, 'src/app.tsx'), APP)
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG))
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], nodeGypEnv())
  }, INSTALL_TIMEOUT)

  afterAll(async () => {
    await browser?.close()
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server!.once('exit', done))
      // npx runs the server as a child of its own: stop the whole group, or the server outlives the test.
      process.kill(-server.pid!, 'SIGTERM')
      await exited
    }
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('installs only built files: no TypeScript source, tests or fixtures in node_modules/@sightline', () => {
    const files = run('find', ['node_modules/@sightline', '-type', 'f']).split('\n').filter(Boolean)
    expect(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([])
    expect(files.filter((f) => /test|fixture|fake/i.test(f))).toEqual([])
    expect(files).toContain('node_modules/@sightline/feedback/dist/sightline-feedback.js')
    expect(files).toContain('node_modules/@sightline/react/dist/styles.css')
  })

  it('imports @sightline/core, @sightline/server and @sightline/evals from plain Node', () => {
    const out = run('node', [
      '-e',
      "Promise.all([import('@sightline/core'), import('@sightline/server'), import('@sightline/evals')]).then(([c, s, e]) => console.log(typeof c.createClient, typeof s.createApp, typeof e.runEvaluator))",
    ])
    expect(out.trim()).toBe('function function function')
  })

  it('type-checks a TSX app under strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes and no skipLibCheck', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    let out = ''
    try {
      out = run(process.execPath, [tsc, '-p', 'tsconfig.json'])
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? String(e)
    }
    expect(out).toBe('')
  })

  it('bundles with plain esbuild, JS and CSS, with no @import left in the styles', () => {
    mkdirSync(join(dir, 'public'))
    run(join(ROOT, 'node_modules/.bin/esbuild'), [
      'src/app.tsx',
      '--bundle',
      '--format=esm',
      '--jsx=automatic',
      '--outdir=public',
      '--log-level=error',
    ])
    const css = readFileSync(join(dir, 'public/app.css'), 'utf8')
    expect(css).toContain('--sl-color-fg')
    expect(css).not.toContain('@import')
    writeFileSync(
      join(dir, 'public/index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title><link rel="stylesheet" href="/app.css"></head><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>',
    )
    copyFileSync(join(dir, 'node_modules/@sightline/feedback/dist/sightline-feedback.js'), join(dir, 'public/sightline-feedback.js'))
    writeFileSync(
      join(dir, 'public/feedback.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>feedback</title><script src="/sightline-feedback.js"></script></head><body><p>An answer.</p><sightline-feedback trace-id="consumer-trace" public-key="${PUBLIC_KEY}"></sightline-feedback></body></html>`,
    )
  })

  it('starts `npx sightline serve` from the installed package on plain node', async () => {
    const dataDir = join(dir, 'data')
    server = spawn('npx', ['--no-install', 'sightline', 'serve', '--port', '0', '--data-dir', dataDir, '--static', 'public'], {
      cwd: dir,
      env: { ...process.env, SIGHTLINE_SECRET_KEY: SECRET_KEY, SIGHTLINE_PUBLIC_KEY: PUBLIC_KEY, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, so afterAll can stop npx and the server it starts together
      detached: true,
    })
    server.stdout!.on('data', (d) => (output += d))
    server.stderr!.on('data', (d) => (output += d))
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
      server!.stdout!.on('data', () => {
        const m = /listening on (http:\/\/\S+)/.exec(output)
        if (!m) return
        clearTimeout(timer)
        resolve(m[1]!)
      })
      server!.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
    })
    const health = await fetch(`${url}/api/health`).then((r) => r.json())
    expect(health).toMatchObject({ status: 'ok', storage: 'sqlite' })

    const ingest = await fetch(`${url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        traces: [{ id: 'consumer-trace', name: 'consumer-chat', input: 'Where is my order?', output: 'On its way.' }],
        spans: [
          {
            id: 'consumer-span',
            traceId: 'consumer-trace',
            name: 'consumer-generation',
            type: 'generation',
            startTime: Date.now() - 2000,
            endTime: Date.now(),
            model: 'gpt-4o-mini',
          },
        ],
      }),
    }).then((r) => r.json())
    expect(ingest).toEqual({ accepted: 2, rejected: [] })
  })

  it('shows a trace from that server in the bundled app, and its spans in the viewer', async () => {
    const { token } = await fetch(`${url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'view' }),
    }).then((r) => r.json())
    browser = await launchBrowser()
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${url}/#token=${token}&pk=${PUBLIC_KEY}`)
    const row = page.getByRole('grid').getByText('consumer-chat')
    await row.waitFor({ timeout: 30_000 })
    await row.click()
    await page.getByRole('tree').getByText('consumer-generation').waitFor({ timeout: 30_000 })
    // The compiled stylesheet applies: the table is styled by the kit's variables.
    const styled = await page.evaluate(() =>
      getComputedStyle(document.querySelector('.sl-root') ?? document.body).getPropertyValue('--sl-color-fg'),
    )
    expect(styled.trim()).not.toBe('')
    expect(errors).toEqual([])
  })

  it('delivers a vote from a plain HTML page that loads sightline-feedback.js with a <script> tag', async () => {
    const page = await browser.newPage()
    await page.goto(`${url}/feedback.html`)
    await page
      .locator('sightline-feedback')
      .getByRole('button', { name: /helpful/i })
      .first()
      .click()
    await expect
      .poll(
        async () => {
          const r = await fetch(`${url}/api/v1/scores?traceId=consumer-trace&name=user_feedback`, {
            headers: { authorization: `Bearer ${SECRET_KEY}` },
          }).then((res) => res.json())
          return r.data.map((s: { value: unknown; source: string }) => [s.value, s.source])
        },
        { timeout: 30_000 },
      )
      .toEqual([[true, 'feedback']])
    expect(await page.evaluate(() => typeof (window as { SightlineFeedback?: unknown }).SightlineFeedback)).toBe('object')
  })
})
