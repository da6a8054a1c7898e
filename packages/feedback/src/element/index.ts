import { SightlineFeedbackElement } from './sightline-feedback'

// Registration is this module's side effect; a second copy on the page keeps the first.
if (typeof customElements != 'undefined' && !customElements.get('sightline-feedback'))
  customElements.define('sightline-feedback', SightlineFeedbackElement)

export { SightlineFeedbackElement }
export { defaultLabels } from './labels'

export type { FeedbackLabels } from './labels'
export type {
  SightlineErrorDetail,
  SightlineFeedbackEventMap,
  SightlineSentDetail,
  SightlineVoteDetail,
} from './sightline-feedback'

declare global {
  interface HTMLElementTagNameMap {
    'sightline-feedback': SightlineFeedbackElement
  }
}
