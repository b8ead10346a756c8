// /explore/documents/{id}: the full text with every evidence span marked and linked to its
// statement, and who is quoted in it. Offsets are code points, so the text is split by them.
import { api, unwrap, type DocumentDetail, type Statement } from '../api'
import { useData } from '../data'
import { Status, formatDate } from '../components'
import { actorHref, statementHref } from '../router'

interface Segment { text: string, ids: string[] }

/** The text cut at every span boundary; each piece lists the statements whose spans cover it. */
export function segments (text: string, statements: Statement[]): Segment[] {
  const chars = Array.from(text)
  const cuts = new Set([0, chars.length])
  for (const s of statements) { cuts.add(s.reportedIn.evidence.start); cuts.add(s.reportedIn.evidence.end) }
  const points = [...cuts].filter((p) => p >= 0 && p <= chars.length).sort((a, b) => a - b)
  const out: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!
    const to = points[i + 1]!
    const ids = statements.filter((s) => s.reportedIn.evidence.start <= from && s.reportedIn.evidence.end >= to)
      // the narrowest span first: its card is the one the piece links to
      .sort((a, b) => (a.reportedIn.evidence.end - a.reportedIn.evidence.start) - (b.reportedIn.evidence.end - b.reportedIn.evidence.start))
      .map((s) => s.id)
    out.push({ text: chars.slice(from, to).join(''), ids })
  }
  return out
}

export function DocumentPage ({ id }: { id: string }) {
  const doc = useData(async () => unwrap(await api.GET('/v1/documents/{id}', { params: { path: { id }, query: { includeText: true } } })).data as DocumentDetail, [id])
  if (!doc.data) return <><h1 tabIndex={-1}>Document</h1><Status state={doc} /></>
  return <Doc d={doc.data} />
}

function Doc ({ d }: { d: DocumentDetail }) {
  const reported = d.statementsReported.filter((s) => s.reportedIn.document.id === d.id)
  const speakers = new Map<string, { name: string, count: number }>()
  for (const s of reported) {
    for (const sp of s.speakers) speakers.set(sp.id, { name: sp.name, count: (speakers.get(sp.id)?.count ?? 0) + 1 })
  }
  const byId = new Map(reported.map((s) => [s.id, s]))
  const firstSegment = new Set<string>()
  return (
    <>
      <h1 tabIndex={-1}>{d.title}</h1>
      <p class='kind'>{d.kind} · {formatDate(d.date, d.datePrecision)}
        {d.publisher && <> · published by <a href={actorHref(d.publisher.id)}>{d.publisher.name}</a></>}
        {d.authors.length > 0 && <> · by {d.authors.map((a) => a.name).join(', ')}</>}
        {d.url && <> · <a href={d.url} rel='noreferrer noopener'>original</a></>}
      </p>
      <div class='doc'>
        <section class='text' aria-labelledby='text-title'>
          <h2 id='text-title'>Full text <span class='small'>({reported.length} evidence span{reported.length === 1 ? '' : 's'} marked)</span></h2>
          {d.text
            ? (
              <div class='fulltext'>
                {segments(d.text, reported).map((seg, i) => {
                  if (seg.ids.length === 0) return <span key={i}>{seg.text}</span>
                  const main = seg.ids[0]!
                  const anchor = !firstSegment.has(main)
                  firstSegment.add(main)
                  const s = byId.get(main)!
                  return (
                    <a
                      key={i} href={statementHref(main)} class='ev' id={anchor ? `ev-${main}` : undefined} tabIndex={anchor ? 0 : -1}
                      aria-label={anchor ? `${s.speakers.map((x) => x.name).join(' and ')} ${s.verb}: open the statement` : undefined}
                    >
                      <mark data-statements={seg.ids.join(' ')}>{seg.text}</mark>
                    </a>
                  )
                })}
              </div>
              )
            : <p>whosaid does not hold this document's text.</p>}
        </section>
        <aside aria-labelledby='quoted'>
          <h2 id='quoted'>Who is quoted</h2>
          <ul class='quoted'>
            {[...speakers].sort((a, b) => b[1].count - a[1].count || a[1].name.localeCompare(b[1].name)).map(([sid, v]) => (
              <li key={sid}><a href={actorHref(sid)}>{v.name}</a> <span class='small'>{v.count}</span></li>
            ))}
          </ul>
          <h2>Statements in it</h2>
          <ol class='reported'>
            {reported.map((s) => <li key={s.id}><a href={statementHref(s.id)}>{s.speakers.map((x) => x.name).join(' and ')} {s.verb}</a></li>)}
          </ol>
          {d.statementsOriginallyIn.length > 0 && (
            <>
              <h2>First made here</h2>
              <ul>{d.statementsOriginallyIn.map((s) => <li key={s.id}><a href={statementHref(s.id)}>{s.text}</a></li>)}</ul>
            </>
          )}
        </aside>
      </div>
    </>
  )
}
