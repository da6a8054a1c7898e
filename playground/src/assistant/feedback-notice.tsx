/** Says why answers carry no feedback widget: the demo config could not be loaded. */
export function FeedbackNotice({ error }: { error: string | null }) {
  if (!error) return null
  return (
    <p className="pg-error" role="alert">
      Feedback is unavailable: {error}
    </p>
  )
}
