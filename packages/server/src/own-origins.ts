import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { isLoopbackHost } from './config'

const WILDCARD = new Set(['0.0.0.0', '::'])

/** Every address of this machine's interfaces. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))
}

/**
 * The origins whose pages are this server's own (CORS and public keys take them unlisted): the
 * configured public URL, else the addresses the server is bound to — never the Host header of a
 * request, which a page on a name rebound to this server's address chooses itself.
 */
export function ownOrigins(
  publicOrigin: string | undefined,
  bound: { address: string; port: number },
  interfaces: () => string[] = interfaceAddresses,
): string[] {
  if (publicOrigin) return [publicOrigin]
  // 0.0.0.0 takes connections on every IPv4 address, :: on every address.
  const addresses = WILDCARD.has(bound.address) ? interfaces().filter((a) => bound.address === '::' || isIP(a) === 4) : [bound.address]
  const hosts = addresses.flatMap((a) => (isLoopbackHost(a) ? [a, 'localhost'] : [a]))
  const origins = hosts.map((h) => new URL(`http://${isIP(h) === 6 ? `[${h}]` : h}:${bound.port}`).origin)
  return [...new Set(origins)]
}
