import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@sightline/react/styles.css'
import './playground.css'
import { App } from './app'
import { loadDemoConfig } from './demo-config'
import { demoFeedbackClient } from './feedback-client'
import { applyTheme } from './theme'

// Before the first render, so the page never flashes in the other scheme.
applyTheme()

// The config is fetched once, at start. The feedback client follows at once, so votes a previous
// visit left queued are delivered even if no answer is ever shown; pages report a failed fetch.
loadDemoConfig().then(
  ({ publicKey }) => demoFeedbackClient(publicKey),
  () => {},
)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
