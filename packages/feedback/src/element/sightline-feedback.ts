import { createFeedback } from '../client/create-feedback'
import { DEFAULT_NAME } from '../client/feedback-id'
import type { FeedbackClient, FeedbackError, FeedbackPayload, FeedbackState, FeedbackValue, VoteOptions } from '../client/types'
import { defaultLabels, type FeedbackLabels } from './labels'
import { styles } from './styles'

/** `sightline-vote`: cancel it to send nothing. `value` is null when the vote is taken back. */
export interface SightlineVoteDetail {
  traceId: string
  spanId?: string | undefined
  name: string
  value: FeedbackValue | null
  reasons?: string[] | undefined
  comment?: string | undefined
  correction?: string | undefined
}

/** `sightline-sent`: the server (or a beacon, which confirms nothing: the op stays pending) took the op. */
export type SightlineSentDetail = FeedbackPayload & { beacon: boolean }

/** `sightline-error`: the op was dropped (refused, or an origin the server does not allow); the vote is taken back. */
export interface SightlineErrorDetail {
  traceId: string
  spanId?: string | undefined
  name: string
  error: FeedbackError
}

export interface SightlineFeedbackEventMap {
  'sightline-vote': CustomEvent<SightlineVoteDetail>
  'sightline-sent': CustomEvent<SightlineSentDetail>
  'sightline-error': CustomEvent<SightlineErrorDetail>
}

// Elements for one server, credential and user share a client: one queue, one view of votes.
const clients = new Map<string, FeedbackClient>()

function sharedClient(endpoint: string, publicKey?: string, token?: string, userId?: string): FeedbackClient {
  const key = JSON.stringify([endpoint, publicKey, token, userId])
  let client = clients.get(key)
  if (!client) clients.set(key, (client = createFeedback({ endpoint, publicKey, token, userId })))
  return client
}

const SVG = 'http://www.w3.org/2000/svg'
const THUMB = 'M7 10v11M7 10l4-7c1.4 0 2.5 1.1 2.5 2.5L13 10h5.5a2 2 0 0 1 2 2.4l-1.3 6.9a2 2 0 0 1-2 1.7H3V10z'
const STAR = 'M12 2l2.9 6.1 6.6 1-4.8 4.7 1.2 6.7-5.9-3.2-5.9 3.2 1.2-6.7-4.8-4.7 6.6-1z'

function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg')
  const path = document.createElementNS(SVG, 'path')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('aria-hidden', 'true')
  path.setAttribute('d', d)
  svg.append(path)
  return svg
}

/** createElement with attributes; built node by node so Trusted Types pages need no policy. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const name in attrs) {
    const v = attrs[name]
    if (v !== undefined && v !== false) el.setAttribute(name, v === true ? '' : v)
  }
  el.append(...children)
  return el
}

function parseLabels(json: string | null): Partial<FeedbackLabels> {
  try {
    return JSON.parse(json!) ?? {}
  } catch {
    return {}
  }
}

// Importing on a server (SSR) must not throw; the element only ever runs in a browser.
const Base = typeof HTMLElement == 'undefined' ? (class {} as typeof HTMLElement) : HTMLElement

/**
 * `<sightline-feedback trace-id="…" public-key="pk-sl-…">`: thumbs, stars or a 1–10 scale next
 * to an AI answer, with optional reason chips, comment and correction after the vote.
 */
export class SightlineFeedbackElement extends Base {
  static observedAttributes = [
    'trace-id',
    'span-id',
    'endpoint',
    'public-key',
    'token',
    'name',
    'variant',
    'reasons',
    'comment',
    'correction',
    'labels',
    'nonce',
    'user-id',
  ]

  private off?: (() => void) | undefined
  private pending = false

  connectedCallback(): void {
    this.render()
  }

  disconnectedCallback(): void {
    this.off?.()
    this.off = undefined
  }

  attributeChangedCallback(): void {
    // Batch a burst of attribute changes into one render.
    if (!this.off || this.pending) return
    this.pending = true
    queueMicrotask(() => {
      this.pending = false
      if (this.isConnected) this.render()
    })
  }

  private render(): void {
    this.off?.()
    const attr = (name: string) => this.getAttribute(name) ?? undefined
    const fire = (type: keyof SightlineFeedbackEventMap, detail: unknown, cancelable = false) =>
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }))

    const traceId = attr('trace-id')
    const spanId = attr('span-id')
    const name = attr('name') || DEFAULT_NAME
    const target = { name, spanId }
    const variant = attr('variant')
    const max = variant == 'stars' ? 5 : variant == 'scale' ? 10 : 0
    const values: FeedbackValue[] = max ? Array.from({ length: max }, (_, i) => i + 1) : [true, false]
    const metadata = max ? { scale: { min: 1, max } } : undefined
    const labels: FeedbackLabels = { ...defaultLabels, ...parseLabels(this.getAttribute('labels')) }
    const reasons = (attr('reasons') ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean)
    const commentMode = attr('comment')
    const publicKey = attr('public-key')
    const token = publicKey ? undefined : attr('token')
    const client = traceId && (publicKey || token) ? sharedClient(attr('endpoint') ?? '', publicKey, token, attr('user-id')) : undefined

    const choices = values.map((v) =>
      h(
        'button',
        {
          type: 'button',
          part: typeof v == 'boolean' ? (v ? 'choice up' : 'choice down') : 'choice',
          'aria-label':
            typeof v == 'boolean' ? (v ? labels.up : labels.down) : labels.rate.replace('{n}', '' + v).replace('{max}', '' + max),
          disabled: !client,
        },
        max == 10 ? '' + v : icon(max ? STAR : THUMB),
      ),
    )
    const chips = reasons.map((r) => h('button', { type: 'button', part: 'reason', 'aria-pressed': 'false' }, r))
    const comment = h('textarea', { part: 'comment', maxlength: '2000' })
    const correction = h('textarea', { part: 'correction', maxlength: '10000' })
    const reasonBox = h(
      'div',
      { part: 'reasons', role: 'group', 'aria-labelledby': 'r' },
      h('span', { id: 'r', part: 'reasons-label' }, labels.reasons),
      ...chips,
    )
    const commentBox = h('label', { part: 'label' }, labels.comment, comment)
    const correctionBox = h('label', { part: 'label' }, labels.correction, correction)
    const submit = h('button', { type: 'button', part: 'submit' }, labels.submit)
    const form = h('div', { part: 'form', hidden: true }, reasonBox, commentBox, correctionBox, submit)
    const status = h('div', { part: 'status', role: 'status' })
    const group = h('div', { part: 'choices', role: 'group', 'aria-labelledby': 'p', class: max == 5 ? 'stars' : undefined }, ...choices)

    const current = () => (client && traceId ? client.current(traceId, target) : undefined)
    const paint = () => {
      const cur = current()
      choices.forEach((b, i) => {
        b.setAttribute('aria-pressed', '' + (values[i] === cur))
        b.toggleAttribute('data-on', typeof cur == 'number' && (values[i] as number) <= cur)
      })
    }
    const say = (text: string) => (status.textContent = text)
    // Never thanks before the server has the vote: a queued or retrying one is only saving.
    const describe = ({ status }: FeedbackState) =>
      labels[
        status == 'pending'
          ? globalThis.navigator?.onLine === false
            ? 'offline'
            : 'saving'
          : status == 'failed'
            ? 'error'
            : status
              ? 'thanks'
              : 'removed'
      ]
    const fail = (error: FeedbackError) => fire('sightline-error', { traceId, spanId, name, error })
    // The bottom third of a scale counts as negative, as on the server.
    const negative = (v: FeedbackValue) => v === false || (typeof v == 'number' && (v - 1) / (max - 1) <= 1 / 3)
    // The last change, said once the form is out of the way: no thanks while reasons are being given.
    let last: FeedbackState | undefined
    const close = () => {
      form.hidden = true
      if (last) say(describe(last))
      choices[values.indexOf(current()!)]?.focus()
    }

    const send = async (value: FeedbackValue | null, extra: VoteOptions = {}) => {
      if (!client || !traceId || !fire('sightline-vote', { traceId, spanId, name, value, ...extra }, true)) return false
      try {
        await (value === null ? client.retract(traceId, target) : client.vote(traceId, value, { ...target, metadata, ...extra }))
      } catch (e) {
        say(labels.error)
        fail({ code: 'invalid', message: (e as Error).message })
        return false
      }
      return true
    }

    choices.forEach((b, i) =>
      b.addEventListener('click', async () => {
        // The buttons are made from `values`, one for one.
        const v = values[i]!
        const next = current() === v ? null : v
        if (!(await send(next))) return
        const neg = next !== null && negative(next)
        reasonBox.hidden = !(neg && chips.length)
        commentBox.hidden = !(commentMode == 'optional' || (commentMode == 'on-negative' && neg))
        correctionBox.hidden = !(neg && this.hasAttribute('correction'))
        form.hidden = next === null || (reasonBox.hidden && commentBox.hidden && correctionBox.hidden)
        if (!form.hidden) say('')
        chips.forEach((c) => c.setAttribute('aria-pressed', 'false'))
        comment.value = correction.value = ''
      }),
    )
    group.addEventListener('keydown', (e) => {
      const i = choices.indexOf(e.target as HTMLButtonElement)
      const n = choices.length
      const back = getComputedStyle(this).direction == 'rtl' ? 1 : -1
      const step = { ArrowLeft: back, ArrowRight: -back, Home: -i, End: n - 1 - i }[e.key]
      if (i < 0 || step === undefined) return
      e.preventDefault()
      choices[(i + step + n) % n]!.focus()
    })
    chips.forEach((c) => c.addEventListener('click', () => c.setAttribute('aria-pressed', '' + (c.getAttribute('aria-pressed') != 'true'))))
    form.addEventListener('keydown', (e) => {
      if (e.key == 'Escape') close()
    })
    submit.addEventListener('click', async () => {
      const v = current()
      const picked = chips.filter((c) => c.getAttribute('aria-pressed') == 'true').map((c) => c.textContent!)
      const extra: VoteOptions = {
        reasons: picked.length ? picked : undefined,
        comment: comment.value.trim() || undefined,
        correction: correction.value.trim() || undefined,
      }
      if (v !== undefined && (await send(v, extra))) close()
    })

    const mine = (p: { traceId: string; spanId?: string | null | undefined; name: string }) =>
      p.traceId == traceId && p.name == name && (p.spanId ?? undefined) == spanId
    const offs = client
      ? [
          client.on('change', (c) => {
            if (!mine(c)) return
            paint()
            last = c
            if (form.hidden || c.status == 'pending' || c.status == 'failed') say(describe(c))
            // A refused vote is taken back: nothing is left to add reasons to.
            if (c.status == 'failed') form.hidden = true
          }),
          client.on('sent', ({ payload, beacon }) => mine(payload) && fire('sightline-sent', { ...payload, beacon })),
          client.on('error', ({ payload, error }) => mine(payload) && fail(error)),
        ]
      : []
    this.off = () => offs.forEach((off) => off())

    paint()
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
    root.replaceChildren(
      // Nonce hiding empties the attribute once parsed; the property keeps the value.
      h('style', { nonce: this.nonce || attr('nonce') }, styles),
      h('div', { part: 'root' }, h('span', { id: 'p', part: 'prompt' }, labels.prompt), group, status, form),
    )
  }
}
