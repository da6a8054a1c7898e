import { useEffect, useId, useRef, useState } from 'react'
import { lazy, Suspense } from 'react'
import { AdminPage } from './admin/admin-page'
import { AssistantPage } from './assistant/assistant-page'
import { ReactAssistantPage } from './assistant/react-assistant-page'
import { THEME_CHOICES, useTheme } from './theme'
import { type Route, useHashRoute } from './use-hash-route'

// Charts load only when the monitoring page is opened.
const MonitoringPage = lazy(() => import('./monitoring/monitoring-page').then((m) => ({ default: m.MonitoringPage })))
// The review page loads only when opened.
const ReviewPage = lazy(() => import('./review/review-page').then((m) => ({ default: m.ReviewPage })))
// So does the evaluators page.
const EvaluatorsPage = lazy(() => import('./evaluators/evaluators-page').then((m) => ({ default: m.EvaluatorsPage })))
// And the datasets page.
const DatasetsPage = lazy(() => import('./datasets/datasets-page').then((m) => ({ default: m.DatasetsPage })))
// And the monitors-and-alerts page.
const MonitorsAdminPage = lazy(() => import('./monitors-admin/monitors-admin-page').then((m) => ({ default: m.MonitorsAdminPage })))

const PAGES: Record<Route, { title: string }> = {
  assistant: { title: 'Assistant' },
  'assistant-react': { title: 'Assistant (React)' },
  admin: { title: 'Admin' },
  monitoring: { title: 'Monitoring' },
  review: { title: 'Review' },
  evaluators: { title: 'Evaluators' },
  datasets: { title: 'Datasets & experiments' },
  alerts: { title: 'Monitors & alerts' },
}

export function App() {
  const route = useHashRoute()
  const mainRef = useRef<HTMLElement>(null)
  const firstRender = useRef(true)
  const [menuOpen, setMenuOpen] = useState(false)
  const navId = useId()

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
        <nav
          aria-label="Pages"
          className="pg-nav-area"
          data-open={menuOpen || undefined}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !menuOpen) return
            setMenuOpen(false)
            e.currentTarget.querySelector<HTMLElement>('.pg-menu-button')?.focus()
          }}
        >
          {/* Narrow screens fold the pages into this menu (CSS shows the button there only). */}
          <button
            type="button"
            className="sl-button pg-menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Pages<span className="pg-menu-button__current">: {PAGES[route].title}</span>
          </button>
          <ul id={navId} className="pg-nav">
            {(Object.keys(PAGES) as Route[]).map((r) => (
              <li key={r}>
                <a href={`#/${r}`} aria-current={r === route ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                  {PAGES[r].title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ThemeToggle />
      </header>
      <main ref={mainRef} className="pg-main">
        {route === 'alerts' ? (
          <Suspense fallback={<p className="sl-muted">Loading…</p>}>
            <MonitorsAdminPage />
          </Suspense>
        ) : route === 'datasets' ? (
          <Suspense fallback={<p className="sl-muted">Loading…</p>}>
            <DatasetsPage />
          </Suspense>
        ) : route === 'evaluators' ? (
          <Suspense fallback={<p className="sl-muted">Loading…</p>}>
            <EvaluatorsPage />
          </Suspense>
        ) : route === 'review' ? (
          <Suspense fallback={<p className="sl-muted">Loading…</p>}>
            <ReviewPage />
          </Suspense>
        ) : route === 'monitoring' ? (
          <Suspense fallback={<p className="sl-muted">Loading…</p>}>
            <MonitoringPage />
          </Suspense>
        ) : route === 'admin' ? (
          <AdminPage />
        ) : route === 'assistant-react' ? (
          <ReactAssistantPage />
        ) : (
          <AssistantPage />
        )}
      </main>
    </div>
  )
}

/** Light, dark or the system's scheme for the whole page, as three radio buttons. */
function ThemeToggle() {
  const [theme, setTheme] = useTheme()
  const name = useId()
  return (
    <fieldset className="pg-theme">
      <legend className="sl-visually-hidden">Theme</legend>
      {THEME_CHOICES.map((choice) => (
        <label key={choice.value} className="pg-theme__choice">
          <input type="radio" name={name} value={choice.value} checked={theme === choice.value} onChange={() => setTheme(choice.value)} />
          {choice.label}
        </label>
      ))}
    </fieldset>
  )
}
