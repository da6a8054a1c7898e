import { join } from 'node:path'
import { openPgStore } from './postgres/pg-store'
import { openSqliteStore } from './sqlite/sqlite-store'
import type { Store } from './types'

/** SQLite in the data dir by default; DATABASE_URL=postgres://… selects PostgreSQL. */
export async function openStore(o: { dataDir: string; databaseUrl?: string | undefined }): Promise<Store> {
  if (o.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(o.databaseUrl))
      throw new Error(`DATABASE_URL must be a postgres:// URL, got "${o.databaseUrl.split(':')[0]}:…"`)
    return openPgStore({ connectionString: o.databaseUrl })
  }
  return openSqliteStore({ filename: join(o.dataDir, 'sightline.db') })
}
