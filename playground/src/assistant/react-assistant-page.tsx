import { FeedbackButtons } from '@sightline/react'
import { useDemoConfig } from '../demo-config'
import { demoFeedbackClient } from '../feedback-client'
import { Chat } from './chat'
import { FEEDBACK_REASONS } from './feedback-reasons'
import { FeedbackNotice } from './feedback-notice'

/** The same chat with the React `<FeedbackButtons>` under each answer. */
export function ReactAssistantPage() {
  const { config, error } = useDemoConfig()
  const client = config && demoFeedbackClient(config.publicKey)
  return (
    <Chat
      title="Assistant (React)"
      notice={<FeedbackNotice error={error} />}
      renderFeedback={
        client && ((traceId) => <FeedbackButtons traceId={traceId} client={client} reasons={FEEDBACK_REASONS} comment="on-negative" />)
      }
    />
  )
}
