import { defineConfig } from 'tsdown'
import { library } from '../../scripts/tsdown-library'

export default defineConfig(library({ entry: { index: 'src/index.ts', cli: 'src/cli.ts' }, platform: 'node', target: 'node20' }))
