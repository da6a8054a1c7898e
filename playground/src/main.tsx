import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@sightline/react/styles.css'
import './playground.css'
import { App } from './app'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
