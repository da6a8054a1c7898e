import type { ComponentPropsWithoutRef } from 'react'
import { cx } from '../../utils/cx'

export interface FirstTraceGuideProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** where the server listens, as the sender reaches it; the page's origin by default */
  serverUrl?: string | undefined
  /** the title's level; 2 by default */
  headingLevel?: 2 | 3 | 4 | undefined
}

function originOf(): string {
  return typeof location === 'undefined' ? 'http://localhost:4318' : location.origin
}

/** A first trace with curl: one trace and one LLM call, timed now. The key stays a variable: it never belongs in a page. */
export function curlSnippet(serverUrl: string): string {
  return `curl -s ${serverUrl}/api/v1/ingest \\
  -H "Authorization: Bearer $SIGHTLINE_SECRET_KEY" \\
  -H 'content-type: application/json' -d '{
  "traces": [{ "id": "first-trace", "name": "hello" }],
  "spans": [{ "id": "first-span", "traceId": "first-trace", "name": "answer",
    "type": "generation", "model": "gpt-4o-mini",
    "startTime": '"$(date +%s)"'000, "endTime": '"$(date +%s)"'900,
    "input": [{ "role": "user", "content": "Hi" }],
    "output": [{ "role": "assistant", "content": "Hello!" }] }]
}'`
}

/** Any OpenTelemetry SDK, pointed at the server through the standard variables. */
export function otelSnippet(serverUrl: string): string {
  return `OTEL_EXPORTER_OTLP_ENDPOINT=${serverUrl}
OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer $SIGHTLINE_SECRET_KEY"`
}

/**
 * What an empty project shows: how to send a first trace, with curl or any OpenTelemetry SDK,
 * addressed to this server. The secret key is left as `$SIGHTLINE_SECRET_KEY`.
 */
export function FirstTraceGuide({ serverUrl, headingLevel = 2, className, ...rest }: FirstTraceGuideProps) {
  const url = (serverUrl || originOf()).replace(/\/+$/, '')
  const Heading = `h${headingLevel}` as const
  return (
    <section aria-label="Send your first trace" {...rest} className={cx('sl-first-trace', className)}>
      <Heading className="sl-first-trace__title">No traces yet: send your first one</Heading>
      <p className="sl-first-trace__text">
        With the project’s secret key in <code>SIGHTLINE_SECRET_KEY</code>, post one to <code>{url}</code>:
      </p>
      <figure className="sl-first-trace__figure" aria-label="curl command">
        <pre className="sl-first-trace__code">
          <code>{curlSnippet(url)}</code>
        </pre>
      </figure>
      <p className="sl-first-trace__text">Or point any OpenTelemetry SDK at the server (OTLP/HTTP):</p>
      <figure className="sl-first-trace__figure" aria-label="OpenTelemetry settings">
        <pre className="sl-first-trace__code">
          <code>{otelSnippet(url)}</code>
        </pre>
      </figure>
      <p className="sl-first-trace__text sl-muted">Traces show here within seconds.</p>
    </section>
  )
}
