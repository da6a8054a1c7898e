import type { EvaluationDeps } from '../app-deps'
import { fakeModelApp } from './fake-model'

/** Where the demo's judge "lives": answered in process by the fake model, never on the network. */
export const DEMO_JUDGE_BASE_URL = 'http://fake-model.demo.invalid/v1'

/** A judge fetch that answers the demo's base URL with the fake model and passes everything else on. */
export function demoJudgeFetch(next: NonNullable<EvaluationDeps['fetch']> = (url, init) => globalThis.fetch(url, init)) {
  const model = fakeModelApp()
  return (url: string, init?: RequestInit): Promise<Response> =>
    url.startsWith(`${DEMO_JUDGE_BASE_URL}/`)
      ? Promise.resolve(model.fetch(new Request(`http://model${url.slice(DEMO_JUDGE_BASE_URL.length)}`, init)))
      : next(url, init)
}
