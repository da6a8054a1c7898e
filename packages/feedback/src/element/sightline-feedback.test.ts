import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFeedback } from '../client/create-feedback'
import { axeViolations } from '../test-utils/axe'
import { apiError, fakeServer, type Responder } from '../test-utils/fake-server'
import './index'
import type { SightlineFeedbackElement, SightlineVoteDetail } from './index'

let serial = 0
let endpoint = ''
let server: ReturnType<typeof fakeServer>
const cleanups: (() => void)[] = []

// Each test gets its own server URL, so shared clients never carry over between tests.
function useServer(respond?: Responder) {
  server = fakeServer(respond)
  vi.stubGlobal('fetch', server.fetch)
}

beforeEach(() => {
  endpoint = `https://sl-${++serial}.test`
  localStorage.clear()
  useServer()
  // Refusals warn once per client; not what these tests read.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  cleanups.push(() => warn.mockRestore())
})

afterEach(() => {
  cleanups.splice(0).forEach((c) => c())
  document.body.replaceChildren()
  vi.unstubAllGlobals()
})

function mount(attrs: Record<string, string> = {}, parent: Node = document.body): SightlineFeedbackElement {
  const el = document.createElement('sightline-feedback')
  const all: Record<string, string> = { 'trace-id': 't1', endpoint, 'public-key': 'pk-sl-test', ...attrs }
  for (const [k, v] of Object.entries(all)) el.setAttribute(k, v)
  parent.appendChild(el)
  return el
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector)!
const $$ = <E extends Element = HTMLButtonElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)]
const choices = (el: Element) => $$(el, '[part~=choice]')
/** A thumbs element's two buttons. */
const thumbs = (el: Element) => choices(el) as [up: HTMLButtonElement, down: HTMLButtonElement]
const pressed = (buttons: HTMLElement[]) => buttons.map((b) => b.getAttribute('aria-pressed'))
const status = (el: Element) => $(el, '[part=status]').textContent

function listen<T>(type: string) {
  const seen: CustomEvent<T>[] = []
  const handler = (e: Event) => seen.push(e as CustomEvent<T>)
  document.addEventListener(type, handler)
  cleanups.push(() => document.removeEventListener(type, handler))
  return seen
}

/** Clicks and lets the async vote, the queue write and the send settle. */
async function click(button: HTMLElement) {
  button.click()
  await new Promise((r) => setTimeout(r, 0))
  await new Promise((r) => setTimeout(r, 0))
}

function key(target: HTMLElement, k: string) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }))
}

describe('<sightline-feedback>', () => {
  it('is registered by importing the element entry', () => {
    expect(customElements.get('sightline-feedback')).toBeDefined()
    expect(document.createElement('sightline-feedback').constructor.name).toBe('SightlineFeedbackElement')
  })

  it('renders labelled thumbs buttons with aria-pressed in an open shadow root', () => {
    const el = mount()
    expect(el.shadowRoot?.mode).toBe('open')
    const [up, down] = thumbs(el)
    expect([up.tagName, up.type, up.getAttribute('aria-label'), up.getAttribute('part')]).toEqual([
      'BUTTON',
      'button',
      'Helpful',
      'choice up',
    ])
    expect([down.getAttribute('aria-label'), down.getAttribute('part')]).toEqual(['Not helpful', 'choice down'])
    expect(pressed([up, down])).toEqual(['false', 'false'])
    const group = $(el, '[part=choices]')
    expect(group.getAttribute('role')).toBe('group')
    expect($(el, `#${group.getAttribute('aria-labelledby')}`).textContent).toBe('Was this helpful?')
    expect($(el, '[part=status]').getAttribute('role')).toBe('status')
    expect($(el, '[part=form]').hidden).toBe(true)
  })

  it('exposes the documented parts', async () => {
    const el = mount({ reasons: 'Wrong', comment: 'optional', correction: '' })
    await click(choices(el)[1]!)
    const parts = new Set($$(el, '[part]').flatMap((n) => n.getAttribute('part')!.split(' ')))
    for (const part of ['root', 'prompt', 'choices', 'choice', 'up', 'down', 'form', 'reasons', 'reasons-label', 'reason'])
      expect(parts).toContain(part)
    for (const part of ['label', 'comment', 'correction', 'submit', 'status']) expect(parts).toContain(part)
  })

  it('votes, announces thanks, and fires sightline-vote then sightline-sent', async () => {
    const votes = listen<SightlineVoteDetail>('sightline-vote')
    const sent = listen<Record<string, unknown>>('sightline-sent')
    const el = mount()
    const [up, down] = thumbs(el)
    await click(up)
    expect(votes.map((e) => e.detail)).toEqual([{ traceId: 't1', spanId: undefined, name: 'user_feedback', value: true }])
    expect(votes[0]!.bubbles && votes[0]!.composed && votes[0]!.cancelable).toBe(true)
    expect(pressed([up, down])).toEqual(['true', 'false'])
    expect(status(el)).toBe('Thanks for your feedback')
    expect(server.requests).toEqual([
      expect.objectContaining({
        url: `${endpoint}/api/v1/feedback`,
        authorization: 'Bearer pk-sl-test',
        body: { id: expect.stringMatching(/^fb_/), traceId: 't1', name: 'user_feedback', value: true },
      }),
    ])
    expect(sent.map((e) => [e.detail.traceId, e.detail.value, e.detail.beacon])).toEqual([['t1', true, false]])
    expect(sent[0]!.bubbles && sent[0]!.composed).toBe(true)
  })

  it('retracts when the pressed button is clicked again, keeping one score id', async () => {
    const votes = listen<SightlineVoteDetail>('sightline-vote')
    const el = mount()
    const [up, down] = thumbs(el)
    await click(up)
    await click(down)
    await click(down)
    expect(pressed([up, down])).toEqual(['false', 'false'])
    expect(status(el)).toBe('Feedback removed')
    expect(votes.map((e) => e.detail.value)).toEqual([true, false, null])
    expect(server.bodies().map((b) => b.value ?? 'retract')).toEqual([true, false, 'retract'])
    expect(new Set(server.bodies().map((b) => b.id)).size).toBe(1)
  })

  it('sends nothing when sightline-vote is prevented', async () => {
    const stop = (e: Event) => e.preventDefault()
    document.addEventListener('sightline-vote', stop)
    cleanups.push(() => document.removeEventListener('sightline-vote', stop))
    const el = mount()
    await click(choices(el)[0]!)
    expect(server.fetch).not.toHaveBeenCalled()
    expect(pressed(choices(el))).toEqual(['false', 'false'])
    expect(status(el)).toBe('')
  })

  it('reaches listeners outside an enclosing shadow root', async () => {
    const outer = document.createElement('div')
    document.body.append(outer)
    const shadow = outer.attachShadow({ mode: 'open' })
    const votes = listen<SightlineVoteDetail>('sightline-vote')
    const el = mount({}, shadow)
    await click(choices(el)[0]!)
    expect(votes).toHaveLength(1)
  })

  it('fires sightline-error, announces it and un-presses the choice when the server refuses', async () => {
    useServer(() => apiError(401, 'unauthorized', 'API key is not valid'))
    const errors = listen<{ traceId: string; error: { code: string; status: number } }>('sightline-error')
    const el = mount({ reasons: 'Wrong', comment: 'optional' })
    await click(choices(el)[1]!)
    expect(errors.map((e) => [e.detail.traceId, e.detail.error.code, e.detail.error.status])).toEqual([['t1', 'unauthorized', 401]])
    expect(status(el)).toBe('Your feedback could not be sent')
    expect(pressed(choices(el))).toEqual(['false', 'false'])
    // Nothing is left to add reasons to.
    expect($(el, '[part=form]').hidden).toBe(true)
    expect(await axeViolations(el)).toEqual([])
  })

  it('says saving, never thanks, while the vote is queued or retrying', async () => {
    let answer: 'network' | 'ok' = 'network'
    useServer(() => answer)
    const el = mount()
    await click(choices(el)[0]!)
    expect(pressed(choices(el))).toEqual(['true', 'false'])
    expect(status(el)).toBe('Saving…')
    // A beacon when the page is hidden confirms nothing either.
    const sendBeacon = vi.fn(() => true)
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true })
    cleanups.push(() => delete (navigator as { sendBeacon?: unknown }).sendBeacon)
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).toHaveBeenCalledTimes(1)
    expect(status(el)).toBe('Saving…')
    expect(await axeViolations(el)).toEqual([])
    answer = 'ok'
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(status(el)).toBe('Thanks for your feedback'))
  })

  it('says it will send when back online while offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    cleanups.push(() => vi.restoreAllMocks())
    const el = mount()
    await click(choices(el)[0]!)
    expect(status(el)).toBe('Will send when back online')
    expect(server.requests).toEqual([])
  })

  it('names the origin to allow when the server refuses this page (CORS), and un-presses', async () => {
    useServer(() => 'network')
    server.origin = {
      value: 'https://app.example',
      allowed: false,
      message: "This page's origin (https://app.example) is not allowed by the Sightline server: add it to SIGHTLINE_ALLOWED_ORIGINS",
    }
    const errors = listen<{ error: { code: string; message: string } }>('sightline-error')
    const el = mount()
    await click(choices(el)[0]!)
    await vi.waitFor(() => expect(errors).toHaveLength(1))
    expect(errors[0]!.detail.error).toEqual({ code: 'origin_not_allowed', message: expect.stringContaining('SIGHTLINE_ALLOWED_ORIGINS') })
    expect(status(el)).toBe('Your feedback could not be sent')
    expect(pressed(choices(el))).toEqual(['false', 'false'])
  })

  describe('keyboard', () => {
    it('uses native buttons, and arrow keys, Home and End move between choices', () => {
      const el = mount({ variant: 'stars' })
      const stars = choices(el)
      expect(stars.every((b) => b.tagName == 'BUTTON' && b.tabIndex == 0)).toBe(true)
      stars[0]!.focus()
      key(stars[0]!, 'ArrowRight')
      expect(el.shadowRoot!.activeElement).toBe(stars[1])
      key(stars[1]!, 'End')
      expect(el.shadowRoot!.activeElement).toBe(stars[4])
      key(stars[4]!, 'ArrowRight')
      expect(el.shadowRoot!.activeElement).toBe(stars[0])
      key(stars[0]!, 'ArrowLeft')
      expect(el.shadowRoot!.activeElement).toBe(stars[4])
      key(stars[4]!, 'Home')
      expect(el.shadowRoot!.activeElement).toBe(stars[0])
    })

    it('follows the reading direction in right-to-left pages', () => {
      const wrapper = document.createElement('div')
      wrapper.dir = 'rtl'
      wrapper.style.direction = 'rtl'
      document.body.append(wrapper)
      const el = mount({ variant: 'stars' }, wrapper)
      const stars = choices(el)
      stars[1]!.focus()
      key(stars[1]!, 'ArrowLeft')
      expect(el.shadowRoot!.activeElement).toBe(stars[2])
      key(stars[2]!, 'ArrowRight')
      expect(el.shadowRoot!.activeElement).toBe(stars[1])
    })

    it('Escape closes the follow-up form and returns focus to the vote', async () => {
      const el = mount({ reasons: 'Wrong' })
      const down = choices(el)[1]!
      await click(down)
      const form = $(el, '[part=form]')
      expect(form.hidden).toBe(false)
      const chip = $(el, '[part=reason]')
      chip.focus()
      key(chip, 'Escape')
      expect(form.hidden).toBe(true)
      expect(el.shadowRoot!.activeElement).toBe(down)
      // The vote itself was taken: thanks once the form is closed.
      expect(status(el)).toBe('Thanks for your feedback')
    })
  })

  describe('follow-up', () => {
    it('shows reason chips after a negative vote only, and sends the picked ones on the same score', async () => {
      const el = mount({ reasons: 'Wrong, Too long ,,Unsafe' })
      const [up, down] = thumbs(el)
      const form = $(el, '[part=form]')
      await click(up)
      expect(form.hidden).toBe(true)
      await click(down)
      expect(form.hidden).toBe(false)
      // No thanks while the reasons are still being given.
      expect(status(el)).toBe('')
      const chips = $$(el, '[part=reason]')
      expect(chips.map((c) => c.textContent)).toEqual(['Wrong', 'Too long', 'Unsafe'])
      expect(pressed(chips)).toEqual(['false', 'false', 'false'])
      const group = $(el, '[part=reasons]')
      expect($(el, `#${group.getAttribute('aria-labelledby')}`).textContent).toBe('What went wrong?')

      chips[0]!.click()
      chips[2]!.click()
      chips[2]!.click()
      expect(pressed(chips)).toEqual(['true', 'false', 'false'])
      await click($(el, '[part=submit]'))
      const last = server.bodies().at(-1)!
      expect(last).toMatchObject({ value: false, reasons: ['Wrong'] })
      expect(last.id).toBe(server.bodies()[0]!.id)
      expect(form.hidden).toBe(true)
      expect(el.shadowRoot!.activeElement).toBe(down)
      expect(status(el)).toBe('Thanks for your feedback')
    })

    it.each([
      ['off', false, false],
      ['optional', true, true],
      ['on-negative', false, true],
    ])('comment="%s": box after a positive vote %s, after a negative vote %s', async (mode, afterUp, afterDown) => {
      const el = mount({ comment: mode })
      const [up, down] = thumbs(el)
      const box = () => !$(el, '[part=form]').hidden && !$(el, 'label:has([part=comment])').hidden
      await click(up)
      expect(box()).toBe(afterUp)
      await click(down)
      expect(box()).toBe(afterDown)
    })

    it('sends a typed comment and correction with the vote', async () => {
      const el = mount({ comment: 'on-negative', correction: '' })
      await click(choices(el)[1]!)
      const comment = $<HTMLTextAreaElement>(el, '[part=comment]')
      const correction = $<HTMLTextAreaElement>(el, '[part=correction]')
      expect(comment.maxLength).toBe(2000)
      expect(correction.maxLength).toBe(10000)
      expect(comment.closest('label')!.textContent).toContain('Comment (optional)')
      expect(correction.closest('label')!.textContent).toContain('What should the answer have been?')
      comment.value = '  Wrong year. '
      correction.value = 'It was 1969.'
      await click($(el, '[part=submit]'))
      expect(server.bodies().at(-1)).toMatchObject({ value: false, comment: 'Wrong year.', correction: 'It was 1969.' })
    })

    it('shows the correction box only when the attribute is set and the vote is negative', async () => {
      const el = mount({ correction: '' })
      const correctionLabel = () => $(el, 'label:has([part=correction])')
      await click(choices(el)[0]!)
      expect($(el, '[part=form]').hidden).toBe(true)
      await click(choices(el)[1]!)
      expect(correctionLabel().hidden).toBe(false)

      const plain = mount({ 'trace-id': 't2' })
      await click(choices(plain)[1]!)
      expect($(plain, '[part=form]').hidden).toBe(true)
    })
  })

  describe('variants', () => {
    it('stars send 1–5 with the scale in metadata, and light up to the vote', async () => {
      const el = mount({ variant: 'stars', reasons: 'Wrong' })
      const stars = choices(el)
      expect(stars.map((s) => s.getAttribute('aria-label'))).toEqual([1, 2, 3, 4, 5].map((n) => `Rate ${n} of 5`))
      await click(stars[1]!)
      expect(server.bodies()[0]).toMatchObject({ value: 2, metadata: { scale: { min: 1, max: 5 } } })
      expect(pressed(stars)).toEqual(['false', 'true', 'false', 'false', 'false'])
      expect(stars.map((s) => s.hasAttribute('data-on'))).toEqual([true, true, false, false, false])
      expect($(el, '[part=form]').hidden).toBe(false)
      await click(stars[3]!)
      expect($(el, '[part=form]').hidden).toBe(true)
    })

    it('scale sends 1–10 with the scale in metadata', async () => {
      const el = mount({ variant: 'scale' })
      const points = choices(el)
      expect(points.map((p) => p.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
      expect(points[6]!.getAttribute('aria-label')).toBe('Rate 7 of 10')
      await click(points[6]!)
      expect(server.bodies()[0]).toMatchObject({ value: 7, metadata: { scale: { min: 1, max: 10 } } })
    })

    it('re-renders when attributes change', async () => {
      const el = mount()
      el.setAttribute('variant', 'stars')
      el.setAttribute('name', 'rating')
      await Promise.resolve()
      expect(choices(el)).toHaveLength(5)
      await click(choices(el)[4]!)
      expect(server.bodies()[0]).toMatchObject({ name: 'rating', value: 5 })
    })
  })

  describe('configuration', () => {
    it('disables voting until it has a trace and a credential', async () => {
      const el = mount({ 'trace-id': '', 'public-key': '' })
      expect(choices(el).every((b) => b.disabled)).toBe(true)
      el.setAttribute('trace-id', 't9')
      el.setAttribute('token', 'slt_scoped')
      await Promise.resolve()
      expect(choices(el).every((b) => !b.disabled)).toBe(true)
      await click(choices(el)[0]!)
      expect(server.requests[0]).toMatchObject({ authorization: 'Bearer slt_scoped', body: { traceId: 't9' } })
    })

    it('sends span-id, name and user-id', async () => {
      const el = mount({ 'span-id': 's1', name: 'helpful', 'user-id': 'u-42' })
      await click(choices(el)[0]!)
      expect(server.bodies()[0]).toMatchObject({ traceId: 't1', spanId: 's1', name: 'helpful', authorId: 'u-42' })
    })

    it('puts the nonce on its style element', () => {
      const el = mount({ nonce: 'r4nd0m' })
      expect($(el, 'style').getAttribute('nonce')).toBe('r4nd0m')
      expect($(el, 'style').textContent).toContain('--sl-fb-accent')
    })

    it('translates every visible string and accessible name through labels', async () => {
      const labels = {
        prompt: 'Cette réponse vous a-t-elle aidé ?',
        up: 'Utile',
        down: 'Pas utile',
        reasons: 'Qu’est-ce qui n’allait pas ?',
        comment: 'Commentaire',
        correction: 'Quelle aurait dû être la réponse ?',
        submit: 'Envoyer',
        thanks: 'Merci pour votre avis',
        removed: 'Avis retiré',
      }
      const el = mount({ labels: JSON.stringify(labels), reasons: 'Faux', comment: 'on-negative', correction: '' })
      const [up, down] = thumbs(el)
      expect($(el, '[part=prompt]').textContent).toBe(labels.prompt)
      expect([up.getAttribute('aria-label'), down.getAttribute('aria-label')]).toEqual(['Utile', 'Pas utile'])
      await click(up)
      expect(status(el)).toBe(labels.thanks)
      await click(down)
      const text = $(el, '[part=form]').textContent
      for (const s of [labels.reasons, labels.comment, labels.correction, labels.submit]) expect(text).toContain(s)
      await click(down)
      expect(status(el)).toBe(labels.removed)

      const stars = mount({ 'trace-id': 't2', variant: 'stars', labels: '{"rate":"{n} étoile(s) sur {max}"}' })
      expect(choices(stars)[2]!.getAttribute('aria-label')).toBe('3 étoile(s) sur 5')
      const broken = mount({ 'trace-id': 't3', labels: '{not json' })
      expect(choices(broken)[0]!.getAttribute('aria-label')).toBe('Helpful')
    })

    it('shows the current vote after a reload', async () => {
      const earlier = createFeedback({ endpoint, publicKey: 'pk-sl-test', fetch: server.fetch })
      await earlier.vote('t1', false)
      earlier.destroy()
      const el = mount()
      expect(pressed(choices(el))).toEqual(['false', 'true'])
    })

    it('shares one client between elements for the same server and key', async () => {
      const a = mount()
      const b = mount()
      const c = mount({ 'trace-id': 't2' })
      await click(choices(a)[0]!)
      expect(pressed(choices(b))).toEqual(['true', 'false'])
      expect(pressed(choices(c))).toEqual(['false', 'false'])
      expect(server.fetch).toHaveBeenCalledTimes(1)
      await click(choices(b)[0]!)
      expect(pressed(choices(a))).toEqual(['false', 'false'])
      expect(server.bodies().map((x) => x.retract ?? false)).toEqual([false, true])
    })

    it('stops following its client once removed', async () => {
      const a = mount()
      const b = mount()
      b.remove()
      await click(choices(a)[0]!)
      expect(pressed(choices(b))).toEqual(['false', 'false'])
    })
  })

  describe('accessibility', () => {
    it('has no axe violations, before and after a negative vote', async () => {
      const el = mount({ reasons: 'Wrong,Unsafe', comment: 'optional', correction: '' })
      expect(await axeViolations(el)).toEqual([])
      await click(choices(el)[1]!)
      expect(await axeViolations(el)).toEqual([])
    })

    it('has no axe violations as stars or a scale', async () => {
      const stars = mount({ variant: 'stars' })
      const scale = mount({ variant: 'scale', 'trace-id': 't2' })
      expect(await axeViolations(stars)).toEqual([])
      expect(await axeViolations(scale)).toEqual([])
    })
  })
})
