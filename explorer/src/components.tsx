// Small shared pieces: stance colours and bars, a statement in a list, load-more, snippets.
import type { ComponentChildren } from 'preact'
import type { Loaded, Pages } from './data'
import type { Stance, Statement } from './api'
import { actorHref, documentHref, statementHref } from './router'

export const STANCES: Stance[] = ['critical', 'supportive', 'neutral']

export interface Counts { critical: number, supportive: number, neutral: number }

/** A bar split by stance, with the numbers in words for screen readers and as a caption. */
export function StanceBar ({ counts, label }: { counts: Counts, label?: string }) {
  const total = counts.critical + counts.supportive + counts.neutral
  const words = STANCES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ') || 'none'
  return (
    <div class='stance'>
      <div class='stance-bar' role='img' aria-label={`${label ? `${label}: ` : ''}${words}`}>
        {STANCES.map((s) => counts[s] > 0 && (
          <span key={s} class={`seg ${s}`} style={{ width: `${(100 * counts[s]) / (total || 1)}%` }} />
        ))}
      </div>
      <span class='stance-words'>{words}</span>
    </div>
  )
}

export function StanceTag ({ stance }: { stance: Stance }) {
  return <span class={`tag ${stance}`}>{stance}</span>
}

export function formatDate (date: string | null | undefined, precision?: string): string {
  if (!date) return 'undated'
  return precision && precision !== 'day' ? `${date} (${precision})` : date
}

/** One statement in a list: who, the verb, the words, about whom, when, where reported. */
export function StatementItem ({ s, hideSpeakers = false }: { s: Statement, hideSpeakers?: boolean }) {
  return (
    <li class='statement'>
      <p class='who'>
        {!hideSpeakers && s.speakers.map((sp, i) => (
          <span key={sp.id}>{i > 0 && ' and '}<a href={actorHref(sp.id)}>{sp.name}</a></span>
        ))}
        {!hideSpeakers && ' '}<span class='verb'>{s.verb}</span>
        <span class='attribution'> · {s.attribution}</span>
        <span class='date'> · {formatDate(s.date, s.datePrecision)}</span>
      </p>
      <blockquote class={s.attribution === 'direct-quote' ? 'quote' : 'paraphrase'}>
        <a href={statementHref(s.id)}>{s.attribution === 'direct-quote' ? `“${s.text}”` : s.text}</a>
      </blockquote>
      <p class='targets'>
        About: {s.targets.map((t, i) => (
          <span key={t.id}>{i > 0 && ', '}<a href={actorHref(t.id)}>{t.name}</a> <StanceTag stance={t.stance} /></span>
      ))}
        {' '}· in <a href={documentHref(s.reportedIn.document.id, `ev-${s.id}`)}>{s.reportedIn.document.title}</a>
      </p>
    </li>
  )
}

export function StatementList ({ pages, empty = 'No statements.', hideSpeakers }: { pages: Pages<Statement>, empty?: string, hideSpeakers?: boolean }) {
  return (
    <>
      {pages.items.length > 0 && <ul class='statements'>{pages.items.map((s) => <StatementItem key={s.id} s={s} hideSpeakers={hideSpeakers} />)}</ul>}
      {!pages.loading && !pages.error && pages.items.length === 0 && <p>{empty}</p>}
      <More pages={pages} />
    </>
  )
}

export function More ({ pages }: { pages: Pages<unknown> }) {
  if (pages.error) return <p role='alert' class='error'>{pages.error.message}</p>
  if (pages.loading) return <p class='loading' aria-live='polite'>Loading…</p>
  if (!pages.next) return null
  return <button type='button' class='more' onClick={() => pages.more()}>Load more</button>
}

export function Status ({ state, children }: { state: Loaded<unknown>, children?: ComponentChildren }) {
  if (state.error) return <p role='alert' class='error'>{state.error.message}</p>
  if (state.loading) return <p class='loading' aria-live='polite'>Loading…</p>
  return <>{children}</>
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': '\'', '&#x27;': '\'' }
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m] ?? m)

/**
 * A search snippet: the API wraps matches in <mark> and HTML-escapes the rest. It is split into
 * text and <mark> elements here, never parsed as HTML, so nothing in it can become markup.
 */
export function Snippet ({ html }: { html: string }) {
  const parts = html.split(/<mark>|<\/mark>/)
  return <>{parts.map((p, i) => i % 2 === 1 ? <mark key={i}>{unescape(p)}</mark> : unescape(p))}</>
}
