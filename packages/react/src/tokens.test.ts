import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const css = readFileSync(join(import.meta.dirname, 'tokens.css'), 'utf8')

/** Every `--sl-*: light-dark(#light, #dark)` token as [light, dark]. */
const tokens = new Map<string, [string, string]>()
for (const m of css.matchAll(/--(sl-[\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)) tokens.set(m[1]!, [m[2]!, m[3]!])

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

describe('tokens', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21)
    expect(contrast('#c2660c', '#e3edfd')).toBeCloseTo(3.42, 2)
  })

  it('gives every span type badge 4.5:1 text contrast on every row background, light and dark', () => {
    const types = [...tokens.keys()].filter((k) => k.startsWith('sl-color-type-'))
    expect(types.length).toBeGreaterThanOrEqual(10)
    const backgrounds = ['sl-color-bg', 'sl-color-bg-subtle', 'sl-color-row-hover', 'sl-color-row-selected']
    const failures: string[] = []
    for (const type of types)
      for (const scheme of [0, 1] as const)
        for (const bg of backgrounds) {
          const ratio = contrast(tokens.get(type)![scheme], tokens.get(bg)![scheme])
          if (ratio < 4.5) failures.push(`${type} on ${bg} (${scheme ? 'dark' : 'light'}): ${ratio.toFixed(2)}:1`)
        }
    expect(failures).toEqual([])
  })
})
