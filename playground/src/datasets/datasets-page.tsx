import {
  ConnectedAddToDatasetButton,
  ConnectedDatasetItems,
  ConnectedDatasetList,
  ConnectedExperimentCompare,
  ConnectedExperimentList,
  SightlineProvider,
  useDataset,
} from '@sightline/react'
import { useId, useState } from 'react'
import { manageClient } from '../shared/manage-client'
import { useHashParams, type SetHashParams } from '../shared/hash-params'
import './datasets.css'

const traceHref = (traceId: string) => `#/admin?${new URLSearchParams({ trace: traceId })}`

/**
 * Datasets and experiments: the datasets on the left; the selected one's items (any version) and
 * its experiments on the right; below, two experiments compared. Everything lives in the hash
 * (`#/datasets?dataset=…&version=…&base=…&candidate=…&score=…&regressions`), so every view is a
 * link. Changing datasets needs the secret key, so the page talks to the demo backend, which adds
 * it, as an internal tool's backend would for its signed-in admins.
 */
export function DatasetsPage() {
  const [params, setParams] = useHashParams('datasets')
  const datasetId = params.get('dataset')
  const select = (id: string) => {
    const next = new URLSearchParams()
    next.set('dataset', id)
    setParams(next)
  }
  return (
    <div className="pg-datasets">
      <div className="pg-page-header">
        <h1 tabIndex={-1}>Datasets &amp; experiments</h1>
      </div>
      <p className="sl-muted pg-datasets__note">
        A dataset is a fixed set of inputs with expected outputs, made from traces; an experiment runs a model or prompt on every item, and
        two experiments are compared item by item. The page manages them through the demo backend, which holds the secret key.
      </p>
      <SightlineProvider client={manageClient}>
        <AddTraces initial={params.get('add') ?? ''} />
        <div className="pg-datasets__layout">
          <ConnectedDatasetList
            className="pg-datasets__list"
            selectedId={datasetId}
            onSelect={(dataset) => select(dataset.id)}
            onCreated={(dataset) => select(dataset.id)}
          />
          <div className="pg-datasets__detail">
            {datasetId ? (
              <DatasetDetail id={datasetId} params={params} setParams={setParams} />
            ) : (
              <p className="sl-muted pg-datasets__hint">
                Pick a dataset to see its items and experiments, or make one — from here, or with "Add to dataset" on traces.
              </p>
            )}
          </div>
        </div>
        {datasetId && params.get('base') && params.get('candidate') && params.get('base') !== params.get('candidate') && (
          <ConnectedExperimentCompare
            className="pg-datasets__compare"
            base={params.get('base')!}
            candidate={params.get('candidate')!}
            score={params.get('score')}
            onScoreChange={(score) => {
              const next = new URLSearchParams(params)
              next.set('score', score)
              setParams(next, { replace: true })
            }}
            regressionsOnly={params.has('regressions')}
            onRegressionsOnlyChange={(on) => {
              const next = new URLSearchParams(params)
              if (on) next.set('regressions', '')
              else next.delete('regressions')
              setParams(next, { replace: true })
            }}
          />
        )}
      </SightlineProvider>
    </div>
  )
}

/** "Add to dataset" for traces named by id, as a host places it by a trace viewer or a table selection. */
function AddTraces({ initial }: { initial: string }) {
  const inputId = useId()
  const [text, setText] = useState(initial)
  const traceIds = [...new Set(text.split(/[\s,]+/).filter(Boolean))]
  return (
    <div className="pg-datasets__add">
      <label htmlFor={inputId}>Trace ids</label>
      <input
        id={inputId}
        className="sl-input"
        value={text}
        placeholder="copy ids from the Admin page, comma separated"
        onChange={(e) => setText(e.target.value)}
      />
      <ConnectedAddToDatasetButton traceIds={traceIds} />
    </div>
  )
}

interface DatasetDetailProps {
  id: string
  params: URLSearchParams
  setParams: SetHashParams
}

function DatasetDetail({ id, params, setParams }: DatasetDetailProps) {
  const dataset = useDataset(id)
  const set = (changes: Record<string, string | null>, replace = false) => {
    const next = new URLSearchParams(params)
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key)
      else next.set(key, value)
    }
    setParams(next, { replace })
  }
  const version = params.get('version')
  return (
    <section className="pg-datasets__selected" aria-labelledby="pg-dataset-name">
      <div className="pg-datasets__selected-header">
        <h2 id="pg-dataset-name">{dataset.data?.name ?? (dataset.error ? 'Dataset' : 'Loading…')}</h2>
      </div>
      {dataset.error && (
        <p role="alert" className="pg-error">
          Could not load the dataset: {dataset.error.message}
        </p>
      )}
      {dataset.data?.description && <p className="sl-muted pg-datasets__description">{dataset.data.description}</p>}
      <ConnectedDatasetItems
        datasetId={id}
        headingLevel={3}
        pageSize={20}
        version={version ? Number(version) : null}
        onVersionChange={(v) => set({ version: v === null ? null : String(v) }, true)}
        traceHref={traceHref}
      />
      <ConnectedExperimentList
        datasetId={id}
        headingLevel={3}
        base={params.get('base')}
        candidate={params.get('candidate')}
        onBaseChange={(base) => set({ base, score: null, regressions: null })}
        onCandidateChange={(candidate) => set({ candidate, score: null, regressions: null })}
      />
    </section>
  )
}
