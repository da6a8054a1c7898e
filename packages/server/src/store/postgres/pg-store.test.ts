import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, it } from 'vitest'
import { expectRollupsRederived, runMetricsContract } from '../metrics-contract'
import { runEvaluationContract } from '../../jobs/evaluations-contract'
import { runDatasetsContract } from '../datasets-contract'
import { runMonitorsContract } from '../../monitors/monitors-contract'
import { runQueuesContract } from '../queues-contract'
import { runStoreContract } from '../store-contract'
import { openPgStore } from './pg-store'

// `pnpm test` starts a throwaway PostgreSQL (scripts/pg.sh) and sets this; CI always has it.
const url = process.env.SIGHTLINE_TEST_DATABASE_URL

/** Every store gets a schema of its own, dropped on close. */
const open = async () =>
  openPgStore({ connectionString: url!, schema: `t_${randomBytes(6).toString('hex')}`, dropSchemaOnClose: true, max: 4 })

async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await client.end()
}

if (url) {
  runStoreContract('postgres', open)
  runMetricsContract('postgres', open)
  runQueuesContract('postgres', open)
  runDatasetsContract('postgres', open)
  const reopenable = async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`
    // Handles on one schema; the last one closed drops it.
    let handles = 0
    const reopen = async () => {
      handles++
      const store = openPgStore({ connectionString: url!, schema, max: 4 })
      const close = store.close.bind(store)
      return Object.assign(store, {
        close: async () => {
          await close()
          if (--handles === 0) await dropSchema(schema)
        },
      })
    }
    return { store: await reopen(), reopen }
  }
  runEvaluationContract('postgres', reopenable)
  runMonitorsContract('postgres', reopenable)

  describe('postgres migrations', () => {
    it('derives every trace again after a migration that changes the rollups', async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`
      await expectRollupsRederived(openPgStore({ connectionString: url, schema, max: 4 }), async () => {
        // As a database from before feedback joined the rollups.
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        await client.query(`SET search_path TO "${schema}"; DELETE FROM metric_rollup; DELETE FROM metric_contrib; DELETE FROM metric_presence;
          DELETE FROM schema_migrations WHERE name = 'rollup-feedback'`)
        await client.end()
        const store = openPgStore({ connectionString: url, schema, dropSchemaOnClose: true, max: 4 })
        await store.migrate()
        return store
      })
    })
  })
} else {
  describe('postgres store', () => {
    it.skip('needs SIGHTLINE_TEST_DATABASE_URL (pnpm test starts a throwaway server)', () => {})
  })
}
