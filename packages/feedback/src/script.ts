// The `<script>` build (dist/sightline-feedback.js): registers the element and exposes
// `window.SightlineFeedback` for pages that also want the headless client.
export { createFeedback } from './index'
export { SightlineFeedbackElement } from './element/index'
