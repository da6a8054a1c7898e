import Database from 'better-sqlite3'
import { chmodSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateBatch } from '../../services/ingest'
import { expectRollupsRederived, runMetricsContract } from '../metrics-contract'
import { runEvaluationContract } from '../../jobs/evaluations-contract'
import { runDatasetsContract } from '../datasets-contract'
import { runMonitorsContract } from '../../monitors/monitors-contract'
import { runQueuesContract } from '../queues-contract'
import { fixtureBatch, runStoreContract } from '../store-contract'
import { openSqliteStore } from './sqlite-store'

runStoreContract('sqlite (memory)', async () => openSqliteStore({ filename: ':memory:' }))
// Every text search takes the many-matches plan here.
runStoreContract('sqlite (memory, search by sort index)', async () => openSqliteStore({ filename: ':memory:', searchDriveBySort: 1 }))
runStoreContract('sqlite (file, WAL)', async () =>
  openSqliteStore({ filename: join(mkdtempSync(join(tmpdir(), 'sl-store-')), 'db.sqlite') }),
)

runMetricsContract('sqlite (rollups where eligible)', async () => openSqliteStore({ filename: ':memory:' }))
runMetricsContract('sqlite (rows only)', async () => openSqliteStore({ filename: ':memory:', metricRollups: false }))

runQueuesContract('sqlite', async () => openSqliteStore({ filename: ':memory:' }))

runDatasetsContract('sqlite', async () => openSqliteStore({ filename: ':memory:' }))

/** A store on a file, and a way to open it again (another instance, or after a restart). */
const reopenable = async () => {
  const filename = join(mkdtempSync(join(tmpdir(), 'sl-eval-')), 'db.sqlite')
  const reopen = async () => openSqliteStore({ filename })
  return { store: await reopen(), reopen }
}
runEvaluationContract('sqlite (file, WAL)', reopenable)
runMonitorsContract('sqlite (file, WAL)', reopenable)

describe('sqlite store on disk', () => {
  it('derives every trace again after a migration that changes the rollups', async () => {
    const filename = join(mkdtempSync(join(tmpdir(), 'sl-rederive-')), 'db.sqlite')
    await expectRollupsRederived(openSqliteStore({ filename }), async () => {
      // As a database from before feedback joined the rollups.
      const raw = new Database(filename)
      raw.exec(
        "DELETE FROM metric_rollup; DELETE FROM metric_contrib; DELETE FROM metric_presence; DELETE FROM schema_migrations WHERE name = 'rollup-feedback'",
      )
      raw.close()
      const store = openSqliteStore({ filename })
      await store.migrate()
      return store
    })
  })

  it('creates its folder and files for their owner only, and narrows files that were not', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sl-modes-')), 'data')
    const filename = join(dir, 'db.sqlite')
    const files = [filename, `${filename}-wal`, `${filename}-shm`]
    const mode = (path: string) => statSync(path).mode & 0o777
    const first = openSqliteStore({ filename })
    await first.migrate()
    await first.createProject({ id: 'p', name: 'p', signingSecret: 'secret' })
    expect(mode(dir)).toBe(0o700)
    expect(files.map(mode)).toEqual([0o600, 0o600, 0o600])
    for (const f of files) chmodSync(f, 0o644) // as an older version left them
    const second = openSqliteStore({ filename })
    expect(files.map(mode)).toEqual([0o600, 0o600, 0o600])
    await Promise.all([first.close(), second.close()])
  })

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
