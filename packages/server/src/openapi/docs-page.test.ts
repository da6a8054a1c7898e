import { afterAll, expect, it } from 'vitest'
import { createApp } from '../app'
import { openSqliteStore } from '../store/sqlite/sqlite-store'
import { DOCS_CSP } from './docs-page'

const store = openSqliteStore({ filename: ':memory:' })
afterAll(() => store.close())
const app = createApp({ store })

it('serves the API reference page under a policy of its own, and its files from the server', async () => {
  const page = await app.request('/api/docs')
  expect(page.status).toBe(200)
  expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP)
  expect(page.headers.get('x-frame-options')).toBe('DENY')
  const html = await page.text()
  const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
  expect(files).toEqual(['docs/favicon-32x32.png', 'docs/swagger-ui.css', 'docs/swagger-ui-bundle.js', 'docs/init.js'])
  // No inline script: the policy would refuse it.
  expect(html).not.toMatch(/<script>/)
  for (const file of files) {
    const res = await app.request(`/api/${file}`)
    expect(res.status, file).toBe(200)
    expect((await res.arrayBuffer()).byteLength, file).toBeGreaterThan(100)
  }
  expect(await (await app.request('/api/docs/init.js')).text()).toContain("url: 'v1/openapi.json'")
  expect((await app.request('/api/docs/package.json')).status).toBe(404)
  expect((await app.request('/api/docs/..%2Fpackage.json')).status).toBe(404)
  // Other answers keep the server's policy.
  expect((await app.request('/api/health')).headers.get('content-security-policy')).toContain("default-src 'self'")
})
