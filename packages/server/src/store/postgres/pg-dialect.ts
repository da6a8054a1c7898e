import { escapeLike, type SqlDialect } from '../trace-where'

/** Trace-list filters in PostgreSQL: $n parameters, JSONB operators, ILIKE over a trigram index. */
export const pgDialect: SqlDialect = {
  param: (value, params) => {
    params.push(value)
    return `$${params.length}`
  },
  arrayContains: (col, p) => `${col} ? ${p}`,
  jsonFieldEquals: (col, key, value, params) => {
    params.push(key, value)
    // ->> gives text for every JSON type ("3", "true"), as the filter compares text.
    return `${col} ->> $${params.length - 1} = $${params.length}`
  },
  textSearch: (alias, q, params) => {
    params.push(`%${escapeLike(q)}%`)
    return `${alias}.search_text ILIKE $${params.length}`
  },
}
