import { useId, useRef, useState } from 'react'
import { cx } from '../utils/cx'

export interface SecretRevealProps {
  /** the `whsec_…` secret from a create or rotate reply */
  secret: string
  channelName?: string | undefined
  /** "Done": the secret is gone from the page after it */
  onDismiss?: (() => void) | undefined
  /** writes the text to the clipboard; `navigator.clipboard.writeText` by default */
  copy?: ((text: string) => Promise<void>) | undefined
  className?: string | undefined
  headingLevel?: 2 | 3 | 4 | undefined
}

/**
 * A channel's signing secret, shown once after create or rotate: receivers verify the
 * `webhook-signature` header with it. It comes with a copy button and the warning that the
 * server keeps no readable copy.
 */
export function SecretReveal({ secret, channelName, onDismiss, copy, className, headingLevel = 3 }: SecretRevealProps) {
  const titleId = useId()
  const Heading = `h${headingLevel}` as const
  const inputId = useId()
  // Kept with the secret it is about: a new secret starts uncopied.
  const [copyState, setCopy] = useState<{ of: string; status: 'copied' | 'failed' } | null>(null)
  const copied = copyState?.of === secret ? copyState.status : 'idle'
  const setCopied = (status: 'copied' | 'failed') => setCopy({ of: secret, status })
  const inputRef = useRef<HTMLInputElement>(null)
  const onCopy = async () => {
    try {
      await (copy ?? ((text: string) => navigator.clipboard.writeText(text)))(secret)
      setCopied('copied')
    } catch {
      // No clipboard (insecure origin, denied): select the text so Ctrl+C works.
      inputRef.current?.select()
      setCopied('failed')
    }
  }
  return (
    <section className={cx('sl-root sl-secret-reveal', className)} aria-labelledby={titleId} data-state={copied}>
      <Heading id={titleId} className="sl-secret-reveal__title">
        Signing secret{channelName && <> for {channelName}</>}
      </Heading>
      <p className="sl-secret-reveal__warning" role="alert">
        Copy it now: it won't be shown again. Your receiver checks each delivery's signature with it.
      </p>
      <div className="sl-secret-reveal__row">
        <label htmlFor={inputId} className="sl-visually-hidden">
          Signing secret
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="sl-input sl-secret-reveal__value"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="sl-button sl-button--primary" onClick={() => void onCopy()}>
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
        {onDismiss && (
          <button type="button" className="sl-button" onClick={onDismiss}>
            Done
          </button>
        )}
      </div>
      <p className="sl-secret-reveal__status sl-muted" aria-live="polite">
        {copied === 'copied'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Could not copy: the secret is selected, press Ctrl+C.'
            : ''}
      </p>
    </section>
  )
}
