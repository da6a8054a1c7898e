// The `<script>` build (dist/sightline-feedback.js): registers the element and exposes
// `window.SightlineFeedback` for pages that also want the headless client. The global is assigned
// explicitly, not through the bundle's global name, so `<script type="module">` exposes it too.
import { createFeedback } from './index'
import { SightlineFeedbackElement } from './element/index'

;(globalThis as { SightlineFeedback?: object }).SightlineFeedback = { createFeedback, SightlineFeedbackElement }
