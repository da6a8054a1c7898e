import { defineConfig } from 'tsdown'
import { library } from '../../scripts/tsdown-library'

// `feedback` is its own entry so an end-user app that only shows the buttons never loads the panels.
// Every module uses hooks: React Server Components frameworks must load them as client code.
export default defineConfig(
  library({
    entry: { index: 'src/index.ts', feedback: 'src/feedback/index.ts' },
    platform: 'browser',
    outputOptions: { banner: (chunk) => (chunk.fileName.endsWith('.js') ? "'use client';" : '') },
  }),
)
