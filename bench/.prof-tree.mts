import { decodeTraceSkeleton, SKELETON_SPAN_COLUMNS, buildSpanTree } from '@sightline/core'
import { openSqliteStore } from '../packages/server/src/store/sqlite/sqlite-store.ts'
import { buildSpanModel } from '../packages/react/src/explorer/trace-viewer/span-model.ts'
const store = openSqliteStore({ filename: '/tmp/prof/data/sightline.db' })
const rec = (await store.getTraceSkeleton('default', 't50k'))!
const sk = decodeTraceSkeleton({ ...rec, columns: [...SKELETON_SPAN_COLUMNS], spans: JSON.parse(rec.spanRows) })
for (let k = 0; k < 20; k++) buildSpanModel(sk.spans)
console.log(Object.fromEntries(Object.entries((globalThis as any).__laps).map(([k, v]) => [k, ((v as number) / 20).toFixed(1)])))
