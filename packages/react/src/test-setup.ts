import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// findBy… and waitFor give up after 1 s by default, which a busy machine overruns. Something that
// never comes still fails the test, within the test's timeout.
configure({ asyncUtilTimeout: 10_000 })

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup())
