import type { SightlineTheme } from '@sightline/react'
import { useCallback, useSyncExternalStore } from 'react'

const KEY = 'sightline-playground-theme'
const THEMES: readonly SightlineTheme[] = ['light', 'dark', 'auto']
const listeners = new Set<() => void>()

function read(): SightlineTheme {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved && (THEMES as readonly string[]).includes(saved)) return saved as SightlineTheme
  } catch {
    // Storage can be refused (private modes); the default applies.
  }
  return 'auto'
}

/** Sets the page's theme: the stylesheet reads `data-sl-theme` on <html>, for the panels and the page alike. */
export function applyTheme(theme: SightlineTheme = read()): void {
  document.documentElement.dataset.slTheme = theme
}

/** The chosen theme (light, dark or auto = the system's), kept in localStorage. */
export function useTheme(): [SightlineTheme, (theme: SightlineTheme) => void] {
  const theme = useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    read,
    () => 'auto' as const,
  )
  const set = useCallback((next: SightlineTheme) => {
    try {
      localStorage.setItem(KEY, next)
    } catch {
      // Not kept across visits, still applied now.
    }
    applyTheme(next)
    for (const l of listeners) l()
  }, [])
  return [theme, set]
}

export const THEME_CHOICES: readonly { value: SightlineTheme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'Auto' },
]
