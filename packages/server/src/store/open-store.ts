import { join } from 'node:path'
import { openSqliteStore } from './sqlite/sqlite-store'
import type { Store } from './types'

/** SQLite in the data dir by default; DATABASE_URL=postgres://… selects PostgreSQL. */
export async function openStore(o: { dataDir: string; databaseUrl?: string }): Promise<Store> {
  if (o.databaseUrl && /^postgres(ql)?:\/\//.test(o.databaseUrl))
    throw new Error('DATABASE_URL points at PostgreSQL, which this build cannot store to yet; unset it to use SQLite')
  return openSqliteStore({ filename: join(o.dataDir, 'sightline.db') })
}
