// /explore/ and /explore/search?q=: the search box, the graph's size, statement filters, hits.
import { api, unwrap, type SearchResult } from '../api'
import { useData, usePages } from '../data'
import { More, Snippet, Status } from '../components'
import { BASE, actorHref, documentHref, statementHref } from '../router'

type Hit = SearchResult['items'][number]

// The forms' fields are uncontrolled (defaultValue, selected): a controlled `value` is written
// back on every render, so text typed before the page's data arrived was wiped by the re-render
// that data caused (and a required, now empty, field then blocked the submit). A key per URL
// gives a new form, with the new defaults, when the URL changes in the page.
export function SearchForm ({ q = '' }: { q?: string }) {
  return (
    <form key={q} class='search' role='search' action={`${BASE}/search`} method='get'>
      <label for='q'>Search actors, statements and documents</label>
      <div class='row'>
        <input id='q' name='q' type='search' defaultValue={q} required maxLength={200} placeholder='e.g. Oracle, FCC, data' />
        <button type='submit'>Search</button>
      </div>
    </form>
  )
}

export function FilterForm ({ values = {} }: { values?: Record<string, string | undefined> }) {
  return (
    <form key={JSON.stringify(values)} class='filters' action={`${BASE}/statements`} method='get' aria-labelledby='filters-title'>
      <h2 id='filters-title'>Browse statements</h2>
      <div class='grid'>
        <label>Stance
          <select name='stance'>
            {[['', 'any'], ['critical'], ['supportive'], ['neutral']].map(([v, label]) => <option key={v} value={v} selected={(values.stance ?? '') === v}>{label ?? v}</option>)}
          </select>
        </label>
        <label>Attribution
          <select name='type'>
            {[['', 'any'], ['direct-quote', 'direct quote'], ['paraphrase', 'paraphrase'], ['according-to', 'according to']].map(([v, label]) => <option key={v} value={v} selected={(values.type ?? '') === v}>{label}</option>)}
          </select>
        </label>
        <label>From (YYYY, YYYY-MM or YYYY-MM-DD)
          <input name='since' defaultValue={values.since ?? ''} pattern='[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?' inputMode='numeric' />
        </label>
        <label>Until
          <input name='until' defaultValue={values.until ?? ''} pattern='[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?' inputMode='numeric' />
        </label>
        {values.speaker && <input type='hidden' name='speaker' value={values.speaker} />}
        {values.about && <input type='hidden' name='about' value={values.about} />}
      </div>
      <button type='submit'>Show statements</button>
    </form>
  )
}

export function Home () {
  const stats = useData(async () => unwrap(await api.GET('/v1/stats')).data, [])
  const n = stats.data?.nodes ?? {}
  return (
    <>
      <h1 tabIndex={-1}>Who said what about whom</h1>
      <p class='lede'>Every statement here is tied to the document that reports it and the exact words.</p>
      <SearchForm />
      <Status state={stats}>
        <p class='stats'>The graph holds <strong>{n.Actor ?? 0}</strong> actors, <strong>{n.Statement ?? 0}</strong> statements
          and <strong>{n.Document ?? 0}</strong> documents.
        </p>
      </Status>
      <FilterForm />
      <p><a href={`${BASE}/matrix`}>Stance matrix: who is critical or supportive of whom</a></p>
    </>
  )
}

const HREF: Record<Hit['type'], (id: string) => string> = { actor: actorHref, statement: statementHref, document: (id) => documentHref(id) }

export function SearchPage ({ url }: { url: URL }) {
  const q = url.searchParams.get('q') ?? ''
  const pages = usePages<Hit>(async (cursor) => {
    if (!q) return { items: [], next: null }
    return unwrap(await api.GET('/v1/search', { params: { query: { q, limit: 20, cursor } } })).data
  }, [q])
  return (
    <>
      <h1 tabIndex={-1}>Search{q && <>: “{q}”</>}</h1>
      <SearchForm q={q} />
      {pages.items.length > 0 && (
        <ol class='hits' aria-label='results, best first'>
          {pages.items.map((h) => (
            <li key={`${h.type}:${h.id}`} class={`hit hit-${h.type}`}>
              <span class='type'>{h.type}</span> <a href={HREF[h.type](h.id)}>{h.title}</a>
              <p class='snippet'><Snippet html={h.snippet} /></p>
            </li>
          ))}
        </ol>
      )}
      {q && !pages.loading && !pages.error && pages.items.length === 0 && <p>Nothing matches “{q}”.</p>}
      <More pages={pages} />
    </>
  )
}
