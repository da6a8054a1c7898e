// Page state in the hash's query (`#/page?a=1`), shared by pages that keep their view in the URL.
export { hashQuery, useHashParams, type SetHashParams } from '../admin/use-hash-params'
