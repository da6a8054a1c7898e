import type { AddDatasetItems, Dataset, DatasetInput, DatasetItem, DatasetItemPatch } from '@sightline/core'
import { vi } from 'vitest'
import { compareItemsFixture, datasetItemFixture, datasetListFixture, experimentCompareFixture, experimentListFixture } from './fixtures'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/**
 * Datasets and experiments behind a fake `fetch`, close to the server's answers: items page by
 * `pageSize` with a cursor; a change makes a new version; compare items filter by `change`.
 */
export function fakeExperimentServer({ itemCount = 12, pageSize = 5 }: { itemCount?: number; pageSize?: number } = {}) {
  let datasets: Dataset[] = datasetListFixture.map((d) => ({ ...d }))
  let items: DatasetItem[] = Array.from({ length: itemCount }, (_, i) =>
    datasetItemFixture({ id: `item-${i + 1}`, input: `Question ${i + 1}`, expectedOutput: `Answer ${i + 1}`, version: 1 }),
  )
  datasets = datasets.map((d) => (d.id === 'ds-golden' ? { ...d, itemCount } : d))
  const calls: { method: string; path: string; body: unknown }[] = []
  const bump = (id: string, change: Partial<Dataset> = {}) => {
    datasets = datasets.map((d) => (d.id === id ? { ...d, version: d.version + 1, ...change } : d))
    return datasets.find((d) => d.id === id)!.version
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://sightline.test')
    const method = init?.method ?? 'GET'
    const path = url.pathname
    const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined
    calls.push({ method, path: `${path}${url.search}`, body })
    const page = <T>(all: T[]) => {
      const limit = Number(url.searchParams.get('limit') ?? pageSize)
      const from = Number(url.searchParams.get('cursor') ?? 0)
      return json(200, { data: all.slice(from, from + limit), nextCursor: from + limit < all.length ? String(from + limit) : null })
    }

    if (path === '/api/v1/datasets' && method === 'GET') return json(200, { data: datasets, nextCursor: null })
    if (path === '/api/v1/datasets' && method === 'POST') {
      const given = body as DatasetInput
      const created: Dataset = { ...datasetListFixture[0]!, id: `ds-${datasets.length + 1}`, name: given.name, version: 0, itemCount: 0 }
      datasets = [...datasets, created]
      return json(201, created)
    }
    const m = /^\/api\/v1\/datasets\/([^/]+)(?:\/items(?:\/([^/]+))?)?$/.exec(path)
    if (m) {
      const id = decodeURIComponent(m[1]!)
      const dataset = datasets.find((d) => d.id === id)
      if (!dataset) return json(404, { error: { code: 'not_found', message: `dataset ${id} not found` } })
      const itemId = m[2] && decodeURIComponent(m[2])
      if (!path.includes('/items')) return json(200, dataset)
      if (!itemId && method === 'GET') return page(items)
      if (!itemId && method === 'POST') {
        const added = (body as AddDatasetItems).fromTraces?.traceIds?.length ?? (body as AddDatasetItems).items?.length ?? 0
        return json(200, { added, version: bump(id, { itemCount: dataset.itemCount + added }) })
      }
      if (itemId && method === 'PATCH') {
        const patch = body as DatasetItemPatch
        const version = bump(id)
        items = items.map((i) => (i.id === itemId ? ({ ...i, ...patch, version } as DatasetItem) : i))
        return json(200, { ...items.find((i) => i.id === itemId), datasetVersion: version })
      }
      if (itemId && method === 'DELETE') {
        items = items.filter((i) => i.id !== itemId)
        return json(200, { version: bump(id, { itemCount: items.length }) })
      }
    }
    if (path === '/api/v1/experiments') return page(experimentListFixture)
    if (path === '/api/v1/experiments/compare') return json(200, experimentCompareFixture)
    if (path === '/api/v1/experiments/compare/items') {
      const change = url.searchParams.get('change')
      return page(compareItemsFixture.filter((i) => !change || i.change === change))
    }
    return json(404, { error: { code: 'not_found', message: `no route ${method} ${path}` } })
  })
  return { fetch, calls, datasets: () => datasets, items: () => items }
}
