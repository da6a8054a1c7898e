import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * On every answer: no MIME sniffing, no framing, no referrer to other sites. The content security
 * policy matters on the pages `--static` serves (a Vite build: module scripts and stylesheets from
 * this origin, no inline script); browsers ignore it on the API's JSON. A route may set its own.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // The feedback element styles its shadow root with a <style> (nonced only when the page gives a nonce).
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  // Not no-referrer: under it the Fetch standard lets a page's beacons say `Origin: null`, which the public key refuses.
  referrerPolicy: 'same-origin',
  // Other origins' pages may load this server's static files (sightline-feedback.js); CORS guards the API.
  crossOriginResourcePolicy: false,
  // HSTS is for whoever terminates TLS in front; includeSubDomains would bind hosts this server knows nothing of.
  strictTransportSecurity: false,
  // A page that needs a policy of its own sets it (the API reference at /api/docs); the rest get this one.
  overwrite: false,
})

/** Answers that need a credential carry project data or secrets: no cache along the way keeps them. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next()
  c.header('cache-control', 'no-store')
}
