import type pg from 'pg'
import type { Row } from '../rows'

/** Runs one statement: on the pool, or inside a transaction on its client. */
export type Query = (sql: string, params?: unknown[]) => Promise<Row[]>
export type Tx = pg.PoolClient
