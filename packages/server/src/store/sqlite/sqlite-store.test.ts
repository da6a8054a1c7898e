import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateBatch } from '../../services/ingest'
import { runMetricsContract } from '../metrics-contract'
import { runQueuesContract } from '../queues-contract'
import { fixtureBatch, runStoreContract } from '../store-contract'
import { openSqliteStore } from './sqlite-store'

runStoreContract('sqlite (memory)', async () => openSqliteStore({ filename: ':memory:' }))
// Every text search takes the many-matches plan here.
runStoreContract('sqlite (memory, search by sort index)', async () =>
  openSqliteStore({ filename: ':memory:', searchDriveBySort: 1 }),
)
runStoreContract('sqlite (file, WAL)', async () =>
  openSqliteStore({ filename: join(mkdtempSync(join(tmpdir(), 'sl-store-')), 'db.sqlite') }),
)

runMetricsContract('sqlite (rollups where eligible)', async () => openSqliteStore({ filename: ':memory:' }))
runMetricsContract('sqlite (rows only)', async () => openSqliteStore({ filename: ':memory:', metricRollups: false }))

runQueuesContract('sqlite', async () => openSqliteStore({ filename: ':memory:' }))

describe('sqlite store on disk', () => {
  it('keeps data across a restart', async () => {
    const filename = join(mkdtempSync(join(tmpdir(), 'sl-restart-')), 'db.sqlite')
    const first = openSqliteStore({ filename })
    await first.migrate()
    await first.createProject({ id: 'p', name: 'p', signingSecret: 's' })
    await first.ingest('p', validateBatch(fixtureBatch()).write, Date.now())
    const before = await first.getTrace('p', 'B')
    await first.close()

    const second = openSqliteStore({ filename })
    await second.migrate()
    expect(await second.getTrace('p', 'B')).toEqual(before)
    expect((await second.listTraces('p', { q: 'password' })).data.map((t) => t.id)).toEqual(['A'])
    await second.close()
  })
})
