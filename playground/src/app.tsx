import { useEffect, useRef } from 'react'
import { lazy, Suspense } from 'react'
import { AdminPage } from './admin/admin-page'
import { AssistantPage } from './assistant/assistant-page'
import { ReactAssistantPage } from './assistant/react-assistant-page'
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
