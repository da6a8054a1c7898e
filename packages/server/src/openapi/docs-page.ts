import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import type { AppEnv } from '../auth/auth-context'
import { describe } from './describe'

/**
 * The API reference page at /api/docs: Swagger UI (swagger-ui-dist, a dependency) reading
 * /api/v1/openapi.json. Every file comes from this server, so it works offline, under a policy
 * that allows scripts, styles, images and requests from this origin only. swagger-ui-dist stays at
 * 5.17.14: later versions install an analytics package that reports each install.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI sets style attributes from its scripts.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

// Relative URLs, so the page also works behind a proxy that mounts the server under a prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sightline API reference</title>
<link rel="icon" type="image/png" href="docs/favicon-32x32.png">
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`

// A file of its own: the policy allows no inline script. No validator badge (it would call out).
const INIT = `window.ui = SwaggerUIBundle({
  url: 'v1/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  tryItOutEnabled: false,
  persistAuthorization: false,
})
`

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const
type Asset = keyof typeof ASSETS

let distDir: string | undefined
const cache = new Map<Asset, Uint8Array<ArrayBuffer>>()
/** A file of swagger-ui-dist, read once. */
function asset(name: Asset) {
  distDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  let bytes = cache.get(name)
  if (bytes === undefined) {
    bytes = new Uint8Array(readFileSync(join(distDir, name)))
    cache.set(name, bytes)
  }
  return bytes
}

const page = describe({
  summary: 'This API reference, as a page',
  access: 'none',
  responseContent: { 'text/html': { schema: { type: 'string' } } },
})
const file = describe({
  summary: 'The files of the API reference page',
  access: 'none',
  responseContent: {
    'text/javascript': { schema: { type: 'string' } },
    'text/css': { schema: { type: 'string' } },
    'image/png': { schema: { type: 'string', format: 'binary' } },
  },
})

/** The page and its files, mounted at /api/docs. */
export function docsRoutes() {
  return new Hono<AppEnv>()
    .get('/', page, (c) => {
      c.header('content-security-policy', DOCS_CSP)
      return c.html(PAGE)
    })
    .get('/:file', file, (c) => {
      const name = c.req.param('file')
      if (name === 'init.js') return c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
      if (!Object.hasOwn(ASSETS, name)) return c.notFound()
      return c.body(asset(name as Asset), 200, { 'content-type': ASSETS[name as Asset], 'cache-control': 'public, max-age=3600' })
    })
}
