// /explore/statements/{id}: the statement card, with its evidence in context.
import { api, unwrap, type Statement } from '../api'
import { useData } from '../data'
import { StanceTag, Status, formatDate } from '../components'
import { actorHref, documentHref, statementHref } from '../router'

export function StatementPage ({ id }: { id: string }) {
  const st = useData(async () => unwrap(await api.GET('/v1/statements/{id}', { params: { path: { id } } })).data as Statement, [id])
  if (!st.data) return <><h1 tabIndex={-1}>Statement</h1><Status state={st} /></>
  return <Card s={st.data} />
}

function Card ({ s }: { s: Statement }) {
  const ev = s.reportedIn.evidence
  const doc = s.reportedIn.document
  return (
    <article class='card'>
      <h1 tabIndex={-1}>{s.speakers.map((sp) => sp.name).join(' and ')} {s.verb}</h1>
      <blockquote class={s.attribution === 'direct-quote' ? 'quote big' : 'paraphrase big'}>
        {s.attribution === 'direct-quote' ? `“${s.text}”` : s.text}
      </blockquote>
      <dl class='facts'>
        <dt>Attribution</dt><dd>{s.attribution}, verb “{s.verb}”</dd>
        <dt>Date</dt><dd>{formatDate(s.date, s.datePrecision)}</dd>
        <dt>Speakers</dt>
        <dd><ul>{s.speakers.map((sp) => <li key={sp.id}><a href={actorHref(sp.id)}>{sp.name}</a>{sp.role && <> — {sp.role} (at the time)</>}</li>)}</ul></dd>
        <dt>About</dt>
        <dd><ul>{s.targets.map((t) => <li key={t.id}><a href={actorHref(t.id)}>{t.name}</a> <StanceTag stance={t.stance} /></li>)}</ul></dd>
        {s.topics.length > 0 && <><dt>Topics</dt><dd>{s.topics.map((t) => t.name).join(', ')}</dd></>}
        {s.note && <><dt>Note</dt><dd>{s.note}</dd></>}
      </dl>
      <section aria-labelledby='evidence'>
        <h2 id='evidence'>Evidence</h2>
        <p>Reported in <a href={documentHref(doc.id, `ev-${s.id}`)}>{doc.title}</a> ({doc.kind}, {formatDate(doc.date, doc.datePrecision)}), characters {ev.start}–{ev.end}:</p>
        <p class='context'>…{ev.before}<mark>{ev.text}</mark>{ev.after}…</p>
        {doc.url && <p class='small'>Source: <a href={doc.url} rel='noreferrer noopener'>{doc.url}</a></p>}
      </section>
      <section aria-labelledby='original'>
        <h2 id='original'>Original document</h2>
        {s.originalDocument
          ? <p class='original'><a href={documentHref(s.originalDocument.id)}>{s.originalDocument.title}</a> ({s.originalDocument.kind}, {formatDate(s.originalDocument.date, s.originalDocument.datePrecision)})</p>
          : <p>Not recorded: the statement is known only from the report above.</p>}
      </section>
      {s.links.length > 0 && (
        <section aria-labelledby='linked'>
          <h2 id='linked'>Linked statements</h2>
          <ul>{s.links.map((l) => <li key={`${l.direction}-${l.type}-${l.statement.id}`}>{l.direction === 'outgoing' ? `this ${l.type}` : `${l.type} this`}: <a href={statementHref(l.statement.id)}>{l.statement.text}</a></li>)}</ul>
        </section>
      )}
    </article>
  )
}
