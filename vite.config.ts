import { defineConfig } from 'vitest/config'

// A simulated DOM (and axe over it) takes seconds where a browser takes milliseconds, several times
// that on a busy two-core CI machine: 5 s (vitest's default) timed tests out there. The heaviest
// tests ask for more themselves.
const DOM_TEST_TIMEOUT = 30_000

// One vitest run over every package: node for core and server, happy-dom for the browser kits.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', root: 'packages/core', environment: 'node', include: ['src/**/*.test.ts'] } },
      { test: { name: 'evals', root: 'packages/evals', environment: 'node', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'feedback',
          root: 'packages/feedback',
          environment: 'happy-dom',
          include: ['src/**/*.test.ts'],
          testTimeout: DOM_TEST_TIMEOUT,
        },
      },
      {
        test: {
          name: 'react',
          root: 'packages/react',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/test-setup.ts'],
          testTimeout: DOM_TEST_TIMEOUT,
        },
      },
    ],
  },
})
