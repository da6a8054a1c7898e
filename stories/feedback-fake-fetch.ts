// Stand-ins for `POST /api/v1/feedback` and `GET /api/health`, so feedback stories never reach a network.

/**
 * How the fake server answers: stores the vote, cannot be reached, refuses it (400), or refuses
 * this page's origin (CORS: the send fails, health says why).
 */
export type FakeFeedbackMode = 'ok' | 'offline' | 'refuse' | 'origin'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A fetch for `createFeedback({ fetch })`; logs what it receives in the browser console. */
export function fakeFeedbackFetch(mode: FakeFeedbackMode) {
  return async (url: string, init?: RequestInit): Promise<Response> => {
    console.info('[feedback story]', mode, url, init?.body)
    // A little latency, so the queued-then-sent step is visible.
    await wait(300)
    if (url.endsWith('/api/health')) {
      if (mode != 'origin') throw new TypeError('Failed to fetch')
      const message = `This page's origin (${location.origin}) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS`
      return json(200, { status: 'ok', version: 'story', storage: 'sqlite', origin: { value: location.origin, allowed: false, message } })
    }
    if (mode == 'offline' || mode == 'origin') throw new TypeError('Failed to fetch')
    if (mode == 'refuse') return json(400, { error: { code: 'validation_failed', message: 'value "x" does not fit user_feedback' } })
    const body = JSON.parse(String(init?.body)) as { id: string; retract?: boolean }
    return json(200, { id: body.id, status: body.retract ? 'retracted' : 'stored' })
  }
}

/** The endpoint whose requests the element's fake answers in `mode`. */
export const fakeEndpoint = (mode: FakeFeedbackMode) => `https://${mode}.sightline.invalid`

let installed = false

/**
 * `<sightline-feedback>` makes its own client with the page's fetch: route requests for the fake
 * endpoints to the fakes (and swallow their beacons), pass everything else through.
 */
export function installFakeFeedbackServer(): void {
  if (installed || typeof window == 'undefined') return
  installed = true
  const realFetch = window.fetch.bind(window)
  const fakes = new Map((['ok', 'offline', 'refuse', 'origin'] as const).map((m) => [new URL(fakeEndpoint(m)).host, fakeFeedbackFetch(m)]))
  const fakeFor = (url: string) => fakes.get(new URL(url, location.href).host)
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    return fakeFor(url)?.(url, init) ?? realFetch(input, init)
  }
  const realBeacon = navigator.sendBeacon?.bind(navigator)
  if (realBeacon) navigator.sendBeacon = (url, data) => (fakeFor(String(url)) ? true : realBeacon(url, data))
}

/** Forgets votes and queues kept by earlier renders, so every story starts idle. */
export function clearStoredFeedback(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('sightline-feedback:')) localStorage.removeItem(key)
}

/** Arabic labels for the right-to-left stories of both feedback widgets. */
export const ARABIC_FEEDBACK_LABELS = {
  prompt: 'هل كان هذا مفيدًا؟',
  up: 'مفيد',
  down: 'غير مفيد',
  reasons: 'ما الخطأ؟',
  comment: 'تعليق (اختياري)',
  submit: 'إرسال',
  saving: 'جارٍ الحفظ…',
  offline: 'سيُرسَل عند عودة الاتصال',
  thanks: 'شكرًا على ملاحظاتك',
}
