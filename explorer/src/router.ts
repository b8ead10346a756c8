// No global state beyond the URL: the route is location.pathname + search, links are plain
// <a href> that the click handler turns into history.pushState.
import { useEffect, useState } from 'preact/hooks'

export const BASE = '/explore'

const listeners = new Set<() => void>()

export function navigate (url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  for (const l of listeners) l()
}

export function useLocation (): URL {
  const [url, setUrl] = useState(() => new URL(location.href))
  useEffect(() => {
    const update = () => setUrl(new URL(location.href))
    listeners.add(update)
    addEventListener('popstate', update)
    return () => { listeners.delete(update); removeEventListener('popstate', update) }
  }, [])
  return url
}

/** Same-origin /explore links navigate in the page; everything else is left to the browser. */
export function interceptLinks (): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const a = (event.target as Element | null)?.closest('a')
    if (!a || a.target || a.hasAttribute('download')) return
    const url = new URL(a.href, location.href)
    if (url.origin !== location.origin || !url.pathname.startsWith(`${BASE}/`)) return
    event.preventDefault()
    if (url.pathname === location.pathname && url.search === location.search && url.hash) {
      history.pushState(null, '', url.href)
      document.getElementById(decodeURIComponent(url.hash.slice(1)))?.focus()
      return
    }
    navigate(url.pathname + url.search + url.hash)
  })
}

export const actorHref = (id: string) => `${BASE}/actors/${encodeURIComponent(id)}`
export const statementHref = (id: string) => `${BASE}/statements/${encodeURIComponent(id)}`
export const documentHref = (id: string, hash?: string) => `${BASE}/documents/${encodeURIComponent(id)}${hash ? `#${hash}` : ''}`
export const statementsHref = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v)
  return `${BASE}/statements?${q.toString()}`
}
