import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP, isIPv4, type LookupFunction } from 'node:net'

/**
 * The SSRF guard for alert channels: a channel's URL is chosen by a user, and the server would
 * otherwise post to its own network (databases, admin ports, the cloud metadata service).
 */

export const ALLOW_PRIVATE_ENV = 'SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS'

/** True when the operator set `SIGHTLINE_ALLOW_PRIVATE_WEBHOOKS=1` (self-hosted, receivers on the LAN). */
export function allowPrivateWebhooks(env: Record<string, string | undefined> = process.env): boolean {
  return env[ALLOW_PRIVATE_ENV] === '1'
}

export interface AddressRange {
  /** how messages name it: "a private address" */
  label: string
  /** false for ranges that are never a destination, whatever the operator allows */
  allowable: boolean
}

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

export type DestinationCheck =
  | { ok: true; url: URL; hostname: string; addresses: ResolvedAddress[] }
  | { ok: false; reason: 'invalid-url' | 'protocol' | 'credentials' | 'unresolvable' | 'blocked'; error: string }

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

const LOOPBACK: AddressRange = { label: 'a loopback address', allowable: true }
const PRIVATE: AddressRange = { label: 'a private address', allowable: true }
const LINK_LOCAL: AddressRange = { label: 'a link-local address', allowable: true }
const CGNAT: AddressRange = { label: 'a shared (CGNAT) address', allowable: true }
const UNIQUE_LOCAL: AddressRange = { label: 'a unique-local address', allowable: true }
const RESERVED: AddressRange = { label: 'a reserved address', allowable: true }
// Never reachable on purpose: the metadata services hand out the machine's cloud credentials.
const METADATA: AddressRange = { label: 'a cloud metadata address', allowable: false }
const UNSPECIFIED: AddressRange = { label: 'an unspecified address', allowable: false }
const MULTICAST: AddressRange = { label: 'a multicast or broadcast address', allowable: false }

const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200'])
/** fd00:ec2::254, AWS's IPv6 metadata service */
const METADATA_V6 = 'fd000ec2000000000000000000000254'

function ipv4Range(ip: string): AddressRange | null {
  if (METADATA_V4.has(ip)) return METADATA
  const [a = 0, b = 0] = ip.split('.').map(Number)
  if (a === 0) return UNSPECIFIED // 0.0.0.0/8: "this network"; 0.0.0.0 reaches localhost on Linux
  if (a === 127) return LOOPBACK
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return PRIVATE
  if (a === 169 && b === 254) return LINK_LOCAL
  if (a === 100 && b >= 64 && b <= 127) return CGNAT
  if ((a === 192 && b === 0 && ip.split('.')[2] === '0') || (a === 198 && (b === 18 || b === 19))) return RESERVED
  if (a >= 224) return MULTICAST // 224/4 multicast, 240/4 reserved, 255.255.255.255 broadcast
  return null
}

/** The 16 bytes of an IPv6 address (zone id dropped), or null. */
export function ipv6Bytes(ip: string): Uint8Array | null {
  let text = ip.split('%')[0] ?? ''
  if (isIP(text) !== 6) return null
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) is two more 16-bit groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [p, q, r, s] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)))
  const [head = '', rest] = text.split('::')
  const left = groups(head)
  const right = rest === undefined ? [] : groups(rest)
  const missing = 8 - left.length - right.length
  const words = [...left, ...Array<number>(rest === undefined ? 0 : missing).fill(0), ...right]
  const bytes = new Uint8Array(16)
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8
    bytes[i * 2 + 1] = w & 0xff
  })
  return bytes
}

function ipv6Range(ip: string): AddressRange | null {
  const b = ipv6Bytes(ip)
  if (!b) return null
  const zeroUpTo = (n: number) => b.subarray(0, n).every((x) => x === 0)
  const embedded = (at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`
  if (zeroUpTo(16)) return UNSPECIFIED
  if (zeroUpTo(15) && b[15] === 1) return LOOPBACK
  // Addresses carrying an IPv4 address reach it: IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16.
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return ipv4Range(embedded(12))
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.subarray(4, 12).every((x) => x === 0))
    return ipv4Range(embedded(12))
  if (b[0] === 0x20 && b[1] === 0x02) return ipv4Range(embedded(2))
  if (zeroUpTo(12)) return RESERVED // ::/96, deprecated IPv4-compatible addresses
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return RESERVED // 64:ff9b:1::/48, local-use NAT64
  if (Buffer.from(b).toString('hex') === METADATA_V6) return METADATA
  if ((b[0]! & 0xfe) === 0xfc) return UNIQUE_LOCAL // fc00::/7
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return LINK_LOCAL // fe80::/10
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return PRIVATE // fec0::/10, deprecated site-local
  if (b[0] === 0xff) return MULTICAST
  return null
}

const NOT_AN_IP: AddressRange = { label: 'not an IP address', allowable: false }

/** The non-public range an IP address lies in, or null for a public address (anything unreadable is refused). */
export function addressRange(ip: string): AddressRange | null {
  if (isIPv4(ip)) return ipv4Range(ip)
  return ipv6Bytes(ip) ? ipv6Range(ip) : NOT_AN_IP
}

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))

function refusal(address: string, range: AddressRange, resolvedFrom: string | null): string {
  const subject = resolvedFrom === null ? `${address} is` : `${resolvedFrom} resolves to ${address},`
  return range.allowable
    ? `${subject} ${range.label}; set ${ALLOW_PRIVATE_ENV}=1 to allow`
    : `${subject} ${range.label}, which is never a webhook destination`
}

/**
 * Whether a channel URL may be posted to: http(s) only, no credentials in the URL, and every
 * address the host resolves to public (a private one is refused unless `allowPrivate`; metadata,
 * unspecified and multicast addresses always are). On success `addresses` are what was checked:
 * pass them to `pinnedLookup` so the request connects to those and not to a later DNS answer.
 */
export async function checkDestination(
  url: string | URL,
  { allowPrivate, resolve = systemResolver }: { allowPrivate: boolean; resolve?: Resolver | undefined },
): Promise<DestinationCheck> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, reason: 'invalid-url', error: 'the webhook URL is not a valid URL' }
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: 'protocol', error: `the webhook URL must be http or https, not ${parsed.protocol.slice(0, -1)}` }
  }
  if (parsed.username || parsed.password)
    return { ok: false, reason: 'credentials', error: 'the webhook URL must not contain a user name or password' }
  // URL has already normalised IPv4 spellings (0x7f.1, 2130706433) to dotted quads.
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1')
  const bareName = hostname.toLowerCase().replace(/\.$/, '')

  let addresses: ResolvedAddress[]
  if (isIP(hostname)) {
    addresses = [{ address: hostname, family: isIP(hostname) === 6 ? 6 : 4 }]
  } else if (bareName === 'localhost' || bareName.endsWith('.localhost')) {
    // RFC 6761: always loopback, whatever a resolver says.
    addresses = [{ address: '127.0.0.1', family: 4 }]
    if (!allowPrivate)
      return { ok: false, reason: 'blocked', error: `${hostname} is ${LOOPBACK.label}; set ${ALLOW_PRIVATE_ENV}=1 to allow` }
  } else {
    try {
      addresses = await resolve(hostname)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      return { ok: false, reason: 'unresolvable', error: `could not resolve ${hostname}${typeof code === 'string' ? ` (${code})` : ''}` }
    }
    if (addresses.length === 0) return { ok: false, reason: 'unresolvable', error: `could not resolve ${hostname} (no addresses)` }
  }

  for (const { address } of addresses) {
    const range = addressRange(address)
    if (range && (!range.allowable || !allowPrivate)) {
      return { ok: false, reason: 'blocked', error: refusal(address, range, isIP(hostname) ? null : hostname) }
    }
  }
  return { ok: true, url: parsed, hostname, addresses }
}

/**
 * A `lookup` for `http.request` / `net.connect` that answers only with the checked addresses of
 * the checked host, closing the DNS-rebinding gap between checking a name and connecting to it.
 */
export function pinnedLookup(check: { hostname: string; addresses: readonly ResolvedAddress[] }): LookupFunction {
  return (hostname, options, callback) => {
    if (hostname.toLowerCase() !== check.hostname.toLowerCase()) {
      callback(
        Object.assign(new Error(`refusing to resolve ${hostname}: only ${check.hostname} was checked`), { code: 'ENOTFOUND' }),
        '',
        0,
      )
      return
    }
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family
    const candidates = family === 4 || family === 6 ? check.addresses.filter((a) => a.family === family) : [...check.addresses]
    const first = candidates[0]
    if (!first) {
      callback(Object.assign(new Error(`${hostname} has no checked IPv${family} address`), { code: 'ENOTFOUND' }), '', 0)
      return
    }
    if (options.all) callback(null, candidates)
    else callback(null, first.address, first.family)
  }
}
