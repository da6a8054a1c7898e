import { useCallback, useRef, useState, useInsertionEffect } from 'react'

export interface UseControllableStateParams<T> {
  /** the controlled value; `undefined` leaves the state to the component */
  prop?: T | undefined
  defaultProp: T
  onChange?: ((value: T) => void) | undefined
}

/**
 * One state that is either controlled by a prop or kept inside the component, so every
 * component handles "controlled or uncontrolled" the same way.
 */
export function useControllableState<T>({ prop, defaultProp, onChange }: UseControllableStateParams<T>): [T, (next: T) => void] {
  const [inner, setInner] = useState(defaultProp)
  const controlled = prop !== undefined
  const value = controlled ? prop : inner

  // The latest onChange without re-creating the setter on every render.
  const onChangeRef = useRef(onChange)
  useInsertionEffect(() => {
    onChangeRef.current = onChange
  })

  const setValue = useCallback(
    (next: T) => {
      if (Object.is(next, value)) return
      if (!controlled) setInner(next)
      onChangeRef.current?.(next)
    },
    [controlled, value],
  )
  return [value, setValue]
}
