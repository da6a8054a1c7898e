import { useEffect, useRef } from 'react'
import { AdminPage } from './admin/admin-page'
import { AssistantPage } from './assistant/assistant-page'
import { ReactAssistantPage } from './assistant/react-assistant-page'
import { useHashRoute, type Route } from './use-hash-route'

const PAGES: Record<Route, { title: string }> = {
  assistant: { title: 'Assistant' },
  'assistant-react': { title: 'Assistant (React)' },
  admin: { title: 'Admin' },
}

export function App() {
  const route = useHashRoute()
  const mainRef = useRef<HTMLElement>(null)
  const firstRender = useRef(true)

  useEffect(() => {
    document.title = `${PAGES[route].title} · Sightline playground`
    // After in-app navigation, start screen readers and keyboards at the new page, not the old link.
    if (firstRender.current) firstRender.current = false
    else mainRef.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [route])

  return (
    <div className="pg-shell">
      <header className="pg-header">
        <span className="pg-brand">Sightline playground</span>
        <nav aria-label="Pages">
          <ul className="pg-nav">
            {(Object.keys(PAGES) as Route[]).map((r) => (
              <li key={r}>
                <a href={`#/${r}`} aria-current={r === route ? 'page' : undefined}>
                  {PAGES[r].title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main ref={mainRef} className="pg-main">
        {route === 'admin' ? <AdminPage /> : route === 'assistant-react' ? <ReactAssistantPage /> : <AssistantPage />}
      </main>
    </div>
  )
}
