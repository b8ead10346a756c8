// Loading state for one request, and cursor pages that append on "Load more".
import { useCallback, useEffect, useState } from 'preact/hooks'

export interface Loaded<T> { data?: T, error?: Error, loading: boolean }

export function useData<T> (load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: true })
  useEffect(() => {
    let live = true
    setState({ loading: true })
    load().then((data) => { if (live) setState({ data, loading: false }) },
      (error: Error) => { if (live) setState({ error, loading: false }) })
    return () => { live = false }
  }, deps)
  return state
}

export interface Pages<T> { items: T[], next: string | null, loading: boolean, error?: Error, more: () => void }

/** A cursor-paginated list: the first page on mount, the next one on more(). */
export function usePages<T> (load: (cursor: string | undefined) => Promise<{ items: T[], next: string | null }>, deps: unknown[]): Pages<T> {
  const [state, setState] = useState<{ items: T[], next: string | null, loading: boolean, error?: Error }>({ items: [], next: null, loading: true })
  const fetchPage = useCallback((cursor: string | undefined, append: boolean, live: () => boolean) => {
    setState((s) => ({ ...s, loading: true }))
    load(cursor).then((page) => {
      if (live()) setState((s) => ({ items: append ? [...s.items, ...page.items] : page.items, next: page.next, loading: false }))
    }, (error: Error) => { if (live()) setState((s) => ({ ...s, loading: false, error })) })
  }, deps)
  useEffect(() => {
    let live = true
    setState({ items: [], next: null, loading: true })
    fetchPage(undefined, false, () => live)
    return () => { live = false }
  }, [fetchPage])
  return { ...state, more: () => { if (state.next) fetchPage(state.next, true, () => true) } }
}
