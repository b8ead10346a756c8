// /explore/draft: paste an article, get a draft of its statements from POST /v1/extract, check
// them against the text, and import the seed fragment with an API key (POST /v1/import).
// /v1/extract is not in openapi/openapi.json yet, so its contract is typed here; once the route
// lands, `npm run openapi` adds it to api-types.ts and this page should call api.POST instead.
import { useState } from 'preact/hooks'
import { StanceTag } from '../components'
import type { Stance } from '../api'
import { actorHref } from '../router'

interface Span { start: number, end: number, text: string }
export interface ExtractResult {
  statements: Array<{
    attribution: string,
    verb: string,
    text: string,
    evidence: Span
    speakers: Array<{ actor: string, name: string, mention: Span }>
    targets: Array<{ actor: string, name: string, stance: Stance }>
    confidence: number,
    rule: string
  }>
  actors: Array<{ id: string, name: string, kind: string, status: 'matched' | 'proposed' }>
  seed: Record<string, unknown>
}

/** Up to 60 code points of the pasted text before or after a span (offsets are code points). */
function around (text: string, span: Span, side: 'before' | 'after'): string {
  const chars = Array.from(text)
  return side === 'before' ? chars.slice(Math.max(0, span.start - 60), span.start).join('') : chars.slice(span.end, span.end + 60).join('')
}

async function post<T> (url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const data = await res.json().catch(() => null) as (T & { detail?: string, title?: string }) | null
  if (!res.ok) throw new Error(data?.detail ?? data?.title ?? `HTTP ${res.status}`)
  return data as T
}

export function DraftPage () {
  const [text, setText] = useState('')
  const [title, setTitle] = useState('')
  const [result, setResult] = useState<ExtractResult>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [key, setKey] = useState('')
  const [imported, setImported] = useState<string>()

  const extract = async (event: Event) => {
    event.preventDefault()
    setBusy(true); setError(undefined); setResult(undefined); setImported(undefined)
    try {
      setResult(await post<ExtractResult>('/v1/extract', { text, ...(title ? { title } : {}) }))
    } catch (e) {
      setError((e as Error).message)
    } finally { setBusy(false) }
  }
  const importSeed = async () => {
    if (!result) return
    setError(undefined)
    try {
      const answer = await post<Record<string, number>>('/v1/import', result.seed, { authorization: `Bearer ${key}` })
      setImported(Object.entries(answer).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${v} ${k}`).join(', '))
    } catch (e) { setError((e as Error).message) }
  }

  return (
    <>
      <h1 tabIndex={-1}>Draft statements from a text</h1>
      <form class='filters' onSubmit={extract}>
        <div class='grid'>
          <label>Title (optional)<input value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
        </div>
        <label class='block'>Article text
          <textarea rows={10} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type='submit' disabled={busy}>{busy ? 'Extracting…' : 'Draft statements'}</button>
      </form>
      {error && <p role='alert' class='error'>{error}</p>}
      {result && (
        <>
          <section aria-labelledby='draft-statements'>
            <h2 id='draft-statements'>{result.statements.length} draft statement{result.statements.length === 1 ? '' : 's'}</h2>
            <ul class='statements'>
              {result.statements.map((s, i) => (
                <li key={i} class='statement draft'>
                  <p class='who'>{s.speakers.map((sp) => sp.name).join(' and ')} <span class='verb'>{s.verb}</span>
                    <span class='attribution'> · {s.attribution} · confidence {Math.round(s.confidence * 100)}% · rule {s.rule}</span>
                  </p>
                  <blockquote>{s.text}</blockquote>
                  <p class='context'>Evidence ({s.evidence.start}–{s.evidence.end}): …{around(text, s.evidence, 'before')}<mark>{s.evidence.text}</mark>{around(text, s.evidence, 'after')}…</p>
                  {s.targets.length > 0 && <p class='targets'>About: {s.targets.map((t, j) => <span key={t.actor}>{j > 0 && ', '}{t.name} <StanceTag stance={t.stance} /></span>)}</p>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby='draft-actors'>
            <h2 id='draft-actors'>Actors</h2>
            <ul>{result.actors.map((a) => <li key={a.id}>{a.status === 'matched' ? <a href={actorHref(a.id)}>{a.name}</a> : a.name} <span class='small'>{a.kind} · {a.status}</span></li>)}</ul>
          </section>
          <section aria-labelledby='draft-import' class='filters'>
            <h2 id='draft-import'>Import</h2>
            <label>API key with the write scope<input type='password' autoComplete='off' value={key} onInput={(e) => setKey(e.currentTarget.value)} /></label>
            <p><button type='button' disabled={!key} onClick={() => { importSeed().catch(() => {}) }}>Import into the graph</button></p>
            {imported && <p role='status'>Imported: {imported}.</p>}
          </section>
        </>
      )}
    </>
  )
}
