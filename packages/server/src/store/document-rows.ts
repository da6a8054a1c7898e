import type { Cursor } from './cursor'
import type { Row } from './rows'

/** The table as shipped in each store's migration: never edit; change it with a new migration. */
export const DOCUMENTS_TABLE = `
CREATE TABLE documents (
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  parent_id TEXT,
  at BIGINT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (project_id, kind, id)
);
CREATE INDEX documents_recent ON documents (project_id, kind, at, id);
CREATE INDEX documents_parent ON documents (project_id, kind, parent_id, at, id);
`

export const documentOf = <T>(r: Row): T => JSON.parse(r.body as string) as T
export const documentCursor =
  (kind: string) =>
  (r: Row): Cursor => ({ sort: `documents:${kind}`, value: Number(r.at), id: r.id as string })
