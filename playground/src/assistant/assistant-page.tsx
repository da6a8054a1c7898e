import '@sightline/feedback/element'
import { DEMO_USER_ID, useDemoConfig } from '../demo-config'
import { Chat } from './chat'
import { FEEDBACK_REASONS } from './feedback-reasons'
import { FeedbackNotice } from './feedback-notice'

/** The chat with the framework-free `<sightline-feedback>` element under each answer. */
export function AssistantPage() {
  const { config, error } = useDemoConfig()
  return (
    <Chat
      title="Assistant"
      notice={<FeedbackNotice error={error} />}
      renderFeedback={
        config &&
        ((traceId) => (
          // endpoint "" = same origin, where the public key is allowed without an origin list.
          <sightline-feedback
            trace-id={traceId}
            endpoint=""
            public-key={config.publicKey}
            reasons={FEEDBACK_REASONS.join(',')}
            comment="on-negative"
            user-id={DEMO_USER_ID}
          />
        ))
      }
    />
  )
}
