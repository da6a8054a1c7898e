import { defineConfig } from 'tsdown'
import { library } from '../../scripts/tsdown-library'

export default defineConfig([
  library({ entry: { index: 'src/index.ts', element: 'src/element/index.ts' }, platform: 'browser' }),
  // One self-registering file for a plain <script src>: no module loader, nothing external.
  {
    entry: { 'sightline-feedback': 'src/script.ts' },
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    dts: false,
    clean: false,
    outputOptions: { entryFileNames: '[name].js' },
    checks: { pluginTimings: false },
  },
])
