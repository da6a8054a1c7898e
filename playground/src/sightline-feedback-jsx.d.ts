import type { SightlineFeedbackElement } from '@sightline/feedback/element'
import type { DetailedHTMLProps, HTMLAttributes } from 'react'

/** `<sightline-feedback>` attributes, as React 19 passes them to a custom element. */
interface SightlineFeedbackAttributes extends DetailedHTMLProps<HTMLAttributes<SightlineFeedbackElement>, SightlineFeedbackElement> {
  'trace-id': string
  'span-id'?: string
  /** "" = same origin */
  endpoint?: string
  'public-key'?: string
  token?: string
  name?: string
  variant?: 'thumbs' | 'stars' | 'scale'
  /** comma list */
  reasons?: string
  comment?: 'off' | 'optional' | 'on-negative'
  correction?: boolean
  /** JSON object of label overrides */
  labels?: string
  'color-scheme'?: 'light' | 'dark' | 'auto'
  'user-id'?: string
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'sightline-feedback': SightlineFeedbackAttributes
    }
  }
}
