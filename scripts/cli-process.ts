import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')

export interface RunningCli {
  url: string
  dataDir: string
  secretKey: string
  output: () => string
  stop(): Promise<number | null>
}

/** Starts `sightline serve` as a user would, on a free loopback port, and waits for its URL. */
export async function startCli(
  args: string[],
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'sl-cli-')),
): Promise<RunningCli> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/server/src/cli.ts', 'serve', '--port', '0', '--data-dir', dataDir, ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 300_000)
    const check = () => {
      const listening = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (listening) {
        clearTimeout(timer)
        resolveUrl(listening)
      }
    }
    child.stdout!.on('data', check)
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  const secretKey = env.SIGHTLINE_SECRET_KEY ?? JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')).secretKey
  return {
    url,
    dataDir,
    secretKey,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode)
        child.once('exit', (code) => done(code))
        child.kill('SIGTERM')
      }),
  }
}
