import { act, renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useControllableState } from './use-controllable-state'

describe('useControllableState', () => {
  it('keeps its own state when uncontrolled', () => {
    const onChange = vi.fn()
    const { result } = renderHook(() => useControllableState({ defaultProp: 'a', onChange }))
    act(() => result.current[1]('b'))
    expect(result.current[0]).toBe('b')
    expect(onChange).toHaveBeenCalledWith('b')
  })

  it('follows the prop when controlled and only reports changes', () => {
    const onChange = vi.fn()
    const { result, rerender } = renderHook(({ prop }) => useControllableState({ prop, defaultProp: 'a', onChange }), {
      initialProps: { prop: 'x' },
    })
    act(() => result.current[1]('y'))
    expect(result.current[0]).toBe('x')
    expect(onChange).toHaveBeenCalledWith('y')
    rerender({ prop: 'y' })
    expect(result.current[0]).toBe('y')
    act(() => result.current[1]('y'))
    expect(onChange).toHaveBeenCalledTimes(1)
  })
})
