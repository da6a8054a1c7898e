import { afterAll, beforeAll } from 'vitest'

/**
 * happy-dom lays nothing out, so every element is 0 px high and a virtualizer shows no rows.
 * This gives the tree's scroll box a height (and nothing else) for the tests of a file.
 */
export function useScrollerHeight(px = 448) {
  let original: PropertyDescriptor | undefined
  beforeAll(() => {
    original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('sl-tree') ? px : (original?.get?.call(this) ?? 0)
      },
    })
  })
  afterAll(() => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original)
  })
}
