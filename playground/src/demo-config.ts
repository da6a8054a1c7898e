import { useEffect, useState } from 'react'
import { errorMessage } from './http'

/** The demo product has a single signed-in user. */
export const DEMO_USER_ID = 'demo-user'

/** What the demo backend tells the browser: only the public key, which is meant for browsers. */
export interface DemoConfig {
  publicKey: string
}

let loading: Promise<DemoConfig> | null = null
let loaded: DemoConfig | null = null

/** `GET /demo/config`, fetched once and shared; a failure is forgotten so a later call tries again. */
export function loadDemoConfig(): Promise<DemoConfig> {
  loading ??= fetch('/demo/config')
    .then(async (res) => {
      if (!res.ok) throw new Error(await errorMessage(res))
      const body = (await res.json()) as { publicKey?: unknown }
      if (typeof body.publicKey !== 'string') throw new Error('the server sent no public key')
      return (loaded = { publicKey: body.publicKey })
    })
    .catch((err: unknown) => {
      loading = null
      throw err
    })
  return loading
}

export interface DemoConfigState {
  config: DemoConfig | null
  error: string | null
}

export function useDemoConfig(): DemoConfigState {
  const [state, setState] = useState<DemoConfigState>({ config: loaded, error: null })
  useEffect(() => {
    if (state.config) return
    let live = true
    loadDemoConfig().then(
      (config) => live && setState({ config, error: null }),
      (err: unknown) => live && setState({ config: null, error: (err as Error).message }),
    )
    return () => {
      live = false
    }
  }, [state.config])
  return state
}
