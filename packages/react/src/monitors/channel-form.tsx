import { SightlineError, type ChannelInput } from '@sightline/core'
import { useId, useState, type ComponentPropsWithoutRef, type FormEvent, type SyntheticEvent } from 'react'
import { issuesToFormErrors } from '../evaluators/evaluator-draft'
import { cx } from '../utils/cx'
import { errorMessage } from '../utils/error-alert'

export interface ChannelFormProps extends Omit<ComponentPropsWithoutRef<'form'>, 'children' | 'title' | 'onSubmit'> {
  /** "Create channel" with a valid input */
  onSubmit: (input: ChannelInput, event: SyntheticEvent) => void
  submitting?: boolean | undefined
  /** the failed save; a SightlineError's issues show beside their fields */
  error?: Error | string | null | undefined
  onCancel?: (() => void) | undefined
  headingLevel?: 2 | 3 | 4 | undefined
  title?: string | undefined
}

const FIELDS = ['name', 'kind', 'url'] as const

/** A new alert channel: a name, webhook or Slack, and the URL to POST alerts to. */
export function ChannelForm(props: ChannelFormProps) {
  const { onSubmit, submitting = false, error = null, onCancel, headingLevel = 3, title = 'New channel', className, ...rest } = props
  const id = useId()
  const Heading = `h${headingLevel}` as const
  const [name, setName] = useState('')
  const [kind, setKind] = useState<ChannelInput['kind']>('webhook')
  const [url, setUrl] = useState('')
  const [local, setLocal] = useState<Record<string, string>>({})
  const server = error instanceof SightlineError ? issuesToFormErrors(error.issues, FIELDS) : {}
  const errors: Record<string, string | undefined> = { ...server, ...local }
  const general = error && !(error instanceof SightlineError && error.issues.length) ? errorMessage(error) : (server[''] ?? null)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found: Record<string, string> = {}
    if (!name.trim()) found.name = 'Give the channel a name'
    if (!/^https?:\/\/\S+$/.test(url.trim())) found.url = 'An http(s) URL, e.g. https://example.com/hooks/sightline'
    setLocal(found)
    if (Object.keys(found).length || submitting) return
    onSubmit({ name: name.trim(), kind, url: url.trim() }, event)
  }
  const field = (key: string) => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  })
  const message = (key: string) =>
    errors[key] && (
      <span id={`${id}-${key}-error`} className="sl-error-text sl-channel-form__error">
        {errors[key]}
      </span>
    )

  return (
    <form {...rest} className={cx('sl-root sl-channel-form', className)} aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <Heading id={`${id}-title`} className="sl-channel-form__title">
        {title}
      </Heading>
      <div className="sl-channel-form__field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          {...field('name')}
          className="sl-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="On-call webhook"
        />
        {message('name')}
      </div>
      <fieldset className="sl-channel-form__kinds">
        <legend>Kind</legend>
        {(['webhook', 'slack'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
            {k === 'webhook' ? 'Webhook (signed JSON)' : 'Slack incoming webhook'}
          </label>
        ))}
        {message('kind')}
      </fieldset>
      <div className="sl-channel-form__field">
        <label htmlFor={`${id}-url`}>URL</label>
        <input
          {...field('url')}
          className="sl-input"
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={kind === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://example.com/hooks/sightline'}
        />
        {message('url')}
      </div>
      {general && (
        <p role="alert" className="sl-error-text">
          Could not create the channel: {general}
        </p>
      )}
      <div className="sl-channel-form__actions">
        <button type="submit" className="sl-button sl-button--primary" aria-disabled={submitting || undefined}>
          {submitting ? 'Creating…' : 'Create channel'}
        </button>
        {onCancel && (
          <button type="button" className="sl-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
