import { writeFileSync } from 'node:fs'
import { launchBrowser } from '../e2e/harness.ts'
import { startCli } from '../scripts/cli-process.ts'
const server = await startCli(['--demo', '--static', 'playground/dist'], { SIGHTLINE_SECRET_KEY: 'sk-sl-prof' }, '/tmp/prof/data')
const browser = await launchBrowser()
const page = await browser.newPage()
await page.setViewportSize({ width: 1400, height: 1000 })
const cdp = await browser.newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
await cdp.send('Profiler.start')
await page.goto(`${server.url}/#/admin?trace=t50k`)
await page.locator('[role="treeitem"][tabindex="0"]').first().waitFor()
await page.waitForTimeout(300)
const { profile } = await cdp.send('Profiler.stop')
writeFileSync('/tmp/prof/page.cpuprofile', JSON.stringify(profile))
await browser.close(); await server.stop()
