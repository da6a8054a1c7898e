import { decodeTraceSkeleton, SKELETON_SPAN_COLUMNS, buildSpanTree } from '@sightline/core'
import { openSqliteStore } from '../packages/server/src/store/sqlite/sqlite-store.ts'
import { buildSpanModel, visibleRows } from '../packages/react/src/explorer/trace-viewer/span-model.ts'
const store = openSqliteStore({ filename: '/tmp/prof/data/sightline.db' })
const t = <T,>(label: string, f: () => T): T => { const a = performance.now(); const r = f(); console.log(label, (performance.now() - a).toFixed(0), 'ms'); return r }
for (let k = 0; k < 3; k++) {
  const rec = (await t('store', () => store.getTraceSkeleton('default', 't50k')))!
  const text = `{"trace":${JSON.stringify(rec.trace)},"scores":[],"columns":${JSON.stringify(SKELETON_SPAN_COLUMNS)},"spans":${rec.spanRows}}`
  const wire = t('parse', () => JSON.parse(text))
  const sk = t('decode', () => decodeTraceSkeleton(wire))
  const items = t('items(Date.parse)', () => sk.spans.map((s) => ({ id: s.id, parentId: s.parentId, startTime: Date.parse(s.startTime), endTime: s.endTime ? Date.parse(s.endTime) : null, span: s })))
  t('buildSpanTree', () => buildSpanTree(items))
  const m = t('buildSpanModel', () => buildSpanModel(sk.spans))
  t('visibleRows', () => visibleRows(m, new Set(), null))
}
