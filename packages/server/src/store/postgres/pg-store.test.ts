import { randomBytes } from 'node:crypto'
import { describe, it } from 'vitest'
import { runMetricsContract } from '../metrics-contract'
import { runQueuesContract } from '../queues-contract'
import { runStoreContract } from '../store-contract'
import { openPgStore } from './pg-store'

// `pnpm test` starts a throwaway PostgreSQL (scripts/pg.sh) and sets this; CI always has it.
const url = process.env.SIGHTLINE_TEST_DATABASE_URL

/** Every store gets a schema of its own, dropped on close. */
const open = async () => openPgStore({ connectionString: url!, schema: `t_${randomBytes(6).toString('hex')}`, dropSchemaOnClose: true, max: 4 })

if (url) {
  runStoreContract('postgres', open)
  runMetricsContract('postgres', open)
  runQueuesContract('postgres', open)
} else {
  describe('postgres store', () => {
    it.skip('needs SIGHTLINE_TEST_DATABASE_URL (pnpm test starts a throwaway server)', () => {})
  })
}
