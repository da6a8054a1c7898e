import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

export interface ServeConfig {
  port: number
  host: string
  dataDir: string
  databaseUrl?: string | undefined
  secretKey?: string | undefined
  publicKey?: string | undefined
  allowedOrigins: string[]
  /** `--public-url`'s origin: where browsers reach this server (a DNS name, a proxy); its pages are the server's own */
  publicOrigin?: string | undefined
  demo: boolean
  /** `--demo` on a host other machines can reach, and /demo answering any host name */
  demoPublic: boolean
  staticDir?: string | undefined
  bodyLimitBytes: number
  /** the public key works only with feedback tokens */
  requireFeedbackToken: boolean
  feedbackPerMinute: number
  feedbackBurst: number
  /** how long in-flight responses may take to finish after SIGTERM/SIGINT */
  shutdownGraceMs: number
  /** how often monitors are evaluated */
  monitorIntervalMs: number
  /** webhook channels may point at private and loopback addresses */
  allowPrivateWebhooks: boolean
}

export class ConfigError extends Error {}

const int = (name: string, raw: string, min: number, max: number) => {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  return n
}

/** `localhost`, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address or in brackets). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (isIP(h) === 4) return h.startsWith('127.')
  return h === '::1' || /^::ffff:127\./.test(h)
}

/** An http(s) URL's origin: only the scheme, host and port decide whose pages are the server's own. */
function publicOrigin(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`--public-url must be a URL such as https://sightline.example.com, got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`--public-url must be an http or https URL, got "${raw}"`)
  return url.origin
}

/** Flags win over the environment, which wins over defaults. */
export function resolveServeConfig(argv: string[], env: NodeJS.ProcessEnv): ServeConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean' },
      'demo-public': { type: 'boolean' },
      static: { type: 'string' },
      'public-url': { type: 'string' },
      'body-limit': { type: 'string' },
      'shutdown-grace': { type: 'string' },
    },
    strict: true,
  })
  const port = values.port ?? env.SIGHTLINE_PORT ?? '4318'
  const limit = values['body-limit'] ?? env.SIGHTLINE_BODY_LIMIT ?? String(10 * 1024 * 1024)
  const grace = values['shutdown-grace'] ?? env.SIGHTLINE_SHUTDOWN_GRACE ?? '30'
  const host = values.host ?? env.SIGHTLINE_HOST ?? '127.0.0.1'
  const demo = values.demo ?? false
  const demoPublic = values['demo-public'] ?? false
  const publicUrl = values['public-url'] ?? env.SIGHTLINE_PUBLIC_URL
  if (demoPublic && !demo) throw new ConfigError('--demo-public goes with --demo')
  // The demo backend mints tokens with the secret key for whoever asks: keep it on this machine.
  if (demo && !demoPublic && !isLoopbackHost(host))
    throw new ConfigError(
      `--demo hands out tokens to anyone who can reach it: use a loopback --host (127.0.0.1), or add --demo-public to serve it on ${host}`,
    )
  return {
    port: int('--port', port, 0, 65535),
    host,
    dataDir: resolve(values['data-dir'] ?? env.SIGHTLINE_DATA_DIR ?? './.sightline'),
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: env.SIGHTLINE_SECRET_KEY || undefined,
    publicKey: env.SIGHTLINE_PUBLIC_KEY || undefined,
    allowedOrigins: (env.SIGHTLINE_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicOrigin: publicUrl ? publicOrigin(publicUrl) : undefined,
    demo,
    demoPublic,
    staticDir: values.static ? resolve(values.static) : undefined,
    bodyLimitBytes: int('--body-limit', limit, 1024, 1024 ** 3),
    requireFeedbackToken: ['1', 'true', 'yes'].includes((env.SIGHTLINE_REQUIRE_FEEDBACK_TOKEN ?? '').toLowerCase()),
    feedbackPerMinute: int('SIGHTLINE_FEEDBACK_RATE', env.SIGHTLINE_FEEDBACK_RATE ?? '60', 1, 1_000_000),
    feedbackBurst: int('SIGHTLINE_FEEDBACK_BURST', env.SIGHTLINE_FEEDBACK_BURST ?? '30', 1, 1_000_000),
    shutdownGraceMs: int('--shutdown-grace', grace, 0, 3600) * 1000,
    monitorIntervalMs: int('SIGHTLINE_MONITOR_INTERVAL', env.SIGHTLINE_MONITOR_INTERVAL ?? '60', 1, 86_400) * 1000,
    allowPrivateWebhooks: env.SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS === '1',
  }
}
