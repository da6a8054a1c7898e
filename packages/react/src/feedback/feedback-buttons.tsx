import {
  cloneElement,
  createContext,
  isValidElement,
  useContext,
  useEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type MouseEvent,
} from 'react'
import { cx } from '../utils/cx'
import { defaultFeedbackLabels, type FeedbackButtonsLabels } from './labels'
import { useFeedback, type FeedbackExtra, type UseFeedbackOptions } from './use-feedback'

// Written for the 4 kB budget (the headless client is half of it): two plain tab stops rather than
// arrow-key roving, the thumb icon in styles.css, one context object instead of memoised pieces.

/** When the comment box shows: never, after any vote, or after a thumbs-down. */
export type FeedbackCommentMode = 'off' | 'optional' | 'on-negative'

interface RootOwnProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  traceId: string
  /** controlled vote: true = helpful, false = not helpful, null = none */
  value?: boolean | null | undefined
  /** every vote and retraction, controlled or not */
  onValueChange?: ((value: boolean | null) => void) | undefined
  /** chips offered after a thumbs-down; picked ones are sent as `reasons` */
  reasons?: readonly string[] | undefined
  comment?: FeedbackCommentMode | undefined
  labels?: Partial<FeedbackButtonsLabels> | undefined
}

export type FeedbackButtonsRootProps = UseFeedbackOptions & RootOwnProps
export type FeedbackButtonsProps = UseFeedbackOptions & Omit<RootOwnProps, 'children'>
/** `asChild` renders your own button (its only child) with the part's props and behaviour. */
export type FeedbackVoteProps = ComponentPropsWithoutRef<'button'> & { asChild?: boolean | undefined }
export type FeedbackFormProps = ComponentPropsWithoutRef<'div'>
export type FeedbackStatusProps = ComponentPropsWithoutRef<'div'>

interface Ctx {
  shown: boolean | null
  labels: FeedbackButtonsLabels
  reasons: readonly string[]
  /** the form offers reason chips */
  chips: boolean
  /** the form offers the comment box */
  box: boolean
  open: boolean
  /** votes clicked here; keys the form, so each vote starts a fresh one */
  clicks: number
  status: string
  press(up: boolean): void
  submit(extra: FeedbackExtra): void
}

// Parts outside a Root fail on the null context at once, which names the part in the stack.
const Context = createContext<Ctx | null>(null)
const useCtx = () => useContext(Context)!

/**
 * Holds the vote of one answer and provides it to the parts. Uncontrolled, the vote is the feedback
 * client's (kept across reloads, shared by every component on the answer), so there is no
 * component state to keep and `useControllableState` would hold nothing; controlled, `value` shows,
 * and each click still sends the vote and reports it through `onValueChange`.
 */
function Root(props: FeedbackButtonsRootProps) {
  const {
    traceId,
    value,
    onValueChange,
    reasons = [],
    comment = 'off',
    labels: given,
    className,
    onKeyDown,
    // Connection options are for useFeedback only, never DOM attributes.
    endpoint: _e,
    publicKey: _p,
    token: _t,
    getToken: _g,
    userId: _u,
    client: _c,
    name: _n,
    spanId: _s,
    ...rest
  } = props
  const fb = useFeedback(traceId, props)
  // A number or text under the same score name presses neither button.
  const shown = value !== undefined ? value : ((fb.value ?? null) as boolean | null)
  // Votes clicked here, and whether the form asks about the latest.
  const [[clicks, asking], set] = useState<[number, boolean]>([0, false])
  const ref = useRef<HTMLDivElement>(null)
  const labels = { ...defaultFeedbackLabels, ...given }
  const { status } = fb
  const negative = shown === false
  // What the form asks after this vote: chips after a thumbs-down, a comment box as `comment` says.
  const chips = negative && !!reasons[0]
  const box = comment == 'optional' || (comment == 'on-negative' && negative)
  // A refused vote is taken back: nothing is left to add reasons to. Nothing to ask, no form.
  const open = asking && (chips || box) && status != 'failed'
  // A refused vote is taken back, so a controlled parent hears null; once per refusal, not on every render while it shows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the status turns, with that render's props
  useEffect(() => {
    if (status == 'failed' && clicks) onValueChange?.(null)
  }, [status])

  const close = () => {
    set([clicks, false])
    ref.current?.querySelector<HTMLElement>('[data-state=on]')?.focus()
  }

  const ctx: Ctx = {
    shown,
    labels,
    reasons,
    chips,
    box,
    open,
    clicks,
    // Never thanks before the server has the vote (sent), nor while the form still asks for more;
    // thanks and removal only after a click here.
    status:
      status == 'pending'
        ? labels[navigator.onLine ? 'saving' : 'offline']
        : status == 'failed'
          ? labels.error
          : clicks && !open
            ? labels[status ? 'thanks' : 'removed']
            : '',
    press(up) {
      const next = shown == up ? null : up
      onValueChange?.(next)
      // Only an out-of-range vote rejects (a bug of the page, left to surface as unhandled).
      void (next == null ? fb.retract() : fb.vote(next))
      set([clicks + 1, next != null])
    },
    submit(extra) {
      if (shown != null) void fb.vote(shown, extra)
      close()
    },
  }

  return (
    <Context.Provider value={ctx}>
      <div
        role="group"
        aria-label={labels.prompt}
        {...rest}
        ref={ref}
        className={cx('sl-feedback', className)}
        data-state={shown == null ? 'idle' : shown ? 'up' : 'down'}
        data-pending={status == 'pending' || undefined}
        onKeyDown={(e) => {
          onKeyDown?.(e)
          if (open && e.key == 'Escape' && !e.defaultPrevented) close()
        }}
      />
    </Context.Provider>
  )
}

function Vote({ up, asChild, onClick, children, className, ...props }: FeedbackVoteProps & { up: boolean }) {
  const ctx = useCtx()
  const on = ctx.shown == up
  const part = {
    type: 'button' as const,
    'aria-label': ctx.labels[up ? 'up' : 'down'],
    'aria-pressed': on,
    ...props,
    // The thumb is drawn by styles.css (a mask in currentColor on an empty vote), which keeps it out of the script.
    className: cx('sl-feedback__vote', !up && 'sl-feedback__vote--down', className),
    'data-state': on ? 'on' : 'off',
    onClick(e: MouseEvent<HTMLButtonElement>) {
      onClick?.(e)
      if (!e.defaultPrevented) ctx.press(up)
    },
  }
  return asChild && isValidElement<ComponentPropsWithoutRef<'button'>>(children) ? (
    // Your button's own props win; its onClick runs first and may preventDefault.
    cloneElement(children, {
      ...part,
      ...children.props,
      className: cx(part.className, children.props.className),
      onClick(e) {
        children.props.onClick?.(e)
        part.onClick(e)
      },
    })
  ) : (
    <button {...part}>{children}</button>
  )
}

/** Thumbs up, named "Helpful" unless relabelled. */
const Up = (props: FeedbackVoteProps) => <Vote {...props} up />
/** Thumbs down, named "Not helpful" unless relabelled. */
const Down = (props: FeedbackVoteProps) => <Vote {...props} up={false} />

/** Reason chips, comment box and "Send": shown after a vote when there is something to ask. */
function Form(props: FeedbackFormProps) {
  const { open, clicks } = useCtx()
  // Keyed by the click that opened it: a new vote starts with no chips picked and an empty comment.
  return open && <Fields key={clicks} {...props} />
}

function Fields({ className, ...props }: FeedbackFormProps) {
  const { reasons, chips, box, labels, submit } = useCtx()
  const [picked, pick] = useState<string[]>([])
  const [text, write] = useState('')
  // Open only when there is something to ask (the root decides): chips, the box, or both.
  return (
    <div {...props} className={cx('sl-feedback__form', className)}>
      {chips && (
        <fieldset className="sl-feedback__reasons">
          <legend>{labels.reasons}</legend>
          {reasons.map((r) => {
            const on = picked.includes(r)
            return (
              <button
                key={r}
                type="button"
                className="sl-feedback__reason"
                aria-pressed={on}
                // Picked chips stay in the order offered, whatever order they were clicked in.
                onClick={() => pick(reasons.filter((x) => (x == r ? !on : picked.includes(x))))}
              >
                {r}
              </button>
            )
          })}
        </fieldset>
      )}
      {box && (
        <label className="sl-feedback__comment">
          {labels.comment}
          <textarea value={text} maxLength={2000} onChange={(e) => write(e.target.value)} />
        </label>
      )}
      <button
        type="button"
        className="sl-feedback__submit"
        onClick={() => submit({ reasons: picked[0] ? picked : undefined, comment: text.trim() || undefined })}
      >
        {labels.submit}
      </button>
    </div>
  )
}

/** The polite live region: saving, thanks, removal or error. Keep it rendered so changes are announced. */
function Status({ className, ...props }: FeedbackStatusProps) {
  return (
    <div role="status" {...props} className={cx('sl-feedback__status', className)}>
      {useCtx().status}
    </div>
  )
}

/**
 * Thumbs up/down for one answer, with optional reasons and comment after the vote.
 *
 * `<FeedbackButtons traceId … />` renders every part. To arrange or replace them, compose the
 * parts instead, with `asChild` to use your own buttons:
 * `<FeedbackButtons.Root traceId …><FeedbackButtons.Up asChild><MyButton/></FeedbackButtons.Up>
 * <FeedbackButtons.Down/><FeedbackButtons.Status/><FeedbackButtons.Form/></FeedbackButtons.Root>`.
 */
export const FeedbackButtons = Object.assign(
  function FeedbackButtons(props: FeedbackButtonsProps) {
    return (
      <Root {...props}>
        <Up />
        <Down />
        <Status />
        <Form />
      </Root>
    )
  },
  { Root, Up, Down, Form, Status },
)
