// /explore/actors/{id}: the actor, who spoke about it (by speaker, with stance bars), what it
// said, its counterparts and its network. A merged id follows the API's 308 to the canonical one.
import { useEffect } from 'preact/hooks'
import { lazy, Suspense } from 'preact/compat'
import { api, unwrap, type ActorDetail, type StanceMatrix, type Statement, type WhoSaid } from '../api'
import { useData, usePages } from '../data'
import { More, StanceBar, StatementItem, StatementList, Status } from '../components'
import { BASE, actorHref, navigate, statementsHref } from '../router'

const Network = lazy(async () => (await import('../network')).Network)

type Group = WhoSaid['groups'][number]
type Cell = StanceMatrix['cells'][number]

export function ActorPage ({ id }: { id: string }) {
  const actor = useData(async () => {
    const { data, url } = unwrap(await api.GET('/v1/actors/{id}', { params: { path: { id } } }))
    // JSON, not the JSON-LD the same path answers to Accept: application/ld+json.
    return { data: data as ActorDetail, redirected: new URL(url).pathname !== `/v1/actors/${encodeURIComponent(id)}` }
  }, [id])
  useEffect(() => {
    if (actor.data?.redirected) navigate(actorHref(actor.data.data.id), true)
  }, [actor.data])
  if (!actor.data) return <><h1 tabIndex={-1}>Actor {id}</h1><Status state={actor} /></>
  return <Actor a={actor.data.data} />
}

function Actor ({ a }: { a: ActorDetail }) {
  return (
    <>
      <h1 tabIndex={-1}>{a.name}</h1>
      <p class='kind'>{a.kind}{a.aliases.length > 0 && <> · also called {a.aliases.map((x) => `“${x}”`).join(', ')}</>}</p>
      {a.description && <p>{a.description}</p>}
      <p class='counts'>{a.counts.statementsMade} statements made · {a.counts.statementsAbout} statements about {a.name}</p>
      {a.affiliations.length > 0 && (
        <section aria-labelledby='aff'>
          <h2 id='aff'>Affiliations</h2>
          <ul class='affiliations'>
            {a.affiliations.map((f) => (
              <li key={`${f.direction}-${f.type}-${f.actor.id}`}>
                {f.direction === 'outgoing' ? <>{f.type.replace(/-/g, ' ')} <a href={actorHref(f.actor.id)}>{f.actor.name}</a></> : <><a href={actorHref(f.actor.id)}>{f.actor.name}</a> is {f.type.replace(/-/g, ' ')} {a.name}</>}
                {f.role && <> — {f.role}</>}
                {(f.since || f.until) && <span class='span'> ({f.since ?? '…'} – {f.until ?? 'now'})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <WhoSpoke a={a} />
      <Said a={a} />
      <Counterparts a={a} />
      <section aria-labelledby='net'>
        <h2 id='net'>Network</h2>
        <Suspense fallback={<p class='loading'>Loading the network…</p>}><Network id={a.id} /></Suspense>
      </section>
    </>
  )
}

function WhoSpoke ({ a }: { a: ActorDetail }) {
  const pages = usePages<Group>(async (cursor) => {
    const data = unwrap(await api.GET('/v1/who-said-what-about/{id}', { params: { path: { id: a.id }, query: { perSpeaker: 3, limit: 10, cursor } } })).data
    return { items: data.groups, next: data.next }
  }, [a.id])
  return (
    <section aria-labelledby='who'>
      <h2 id='who'>Who spoke about {a.name}</h2>
      {!pages.loading && pages.items.length === 0 && <p>Nobody, so far.</p>}
      <ul class='groups'>
        {pages.items.map((g) => (
          <li key={g.speaker.id} class='group' data-speaker={g.speaker.id}>
            <h3><a href={actorHref(g.speaker.id)}>{g.speaker.name}</a> <span class='total'>{g.total} statement{g.total === 1 ? '' : 's'}</span></h3>
            <StanceBar counts={g.stance} label={`${g.speaker.name} about ${a.name}`} />
            <ul class='statements'>{g.statements.map((s) => <StatementItem key={s.id} s={s} hideSpeakers />)}</ul>
            {g.total > g.statements.length && <p><a href={statementsHref({ speaker: g.speaker.id, about: a.id })}>All {g.total} statements by {g.speaker.name} about {a.name}</a></p>}
          </li>
        ))}
      </ul>
      <More pages={pages} />
    </section>
  )
}

function Said ({ a }: { a: ActorDetail }) {
  const pages = usePages<Statement>(async (cursor) => unwrap(await api.GET('/v1/actors/{id}/statements', { params: { path: { id: a.id }, query: { limit: 10, cursor } } })).data, [a.id])
  return (
    <section aria-labelledby='said'>
      <h2 id='said'>What {a.name} said</h2>
      <StatementList pages={pages} empty={`No statement by ${a.name} is recorded.`} hideSpeakers />
    </section>
  )
}

function Counterparts ({ a }: { a: ActorDetail }) {
  const spokeAbout = usePages<Cell>(async (cursor) => {
    const d = unwrap(await api.GET('/v1/stance-matrix', { params: { query: { speakers: a.id, limit: 20, cursor } } })).data
    return { items: d.cells, next: d.next }
  }, [a.id])
  const spokenAboutBy = usePages<Cell>(async (cursor) => {
    const d = unwrap(await api.GET('/v1/stance-matrix', { params: { query: { targets: a.id, limit: 20, cursor } } })).data
    return { items: d.cells, next: d.next }
  }, [a.id])
  const list = (cells: Cell[], side: 'speaker' | 'target') => (
    <ul class='counterparts'>
      {cells.map((c) => {
        const other = c[side]
        return (
          <li key={other.id}>
            <a href={actorHref(other.id)}>{other.name}</a>{' '}
            <a class='small' href={statementsHref(side === 'target' ? { speaker: a.id, about: other.id } : { speaker: other.id, about: a.id })}>{c.total} statement{c.total === 1 ? '' : 's'}</a>
            <StanceBar counts={c} label={side === 'target' ? `${a.name} about ${other.name}` : `${other.name} about ${a.name}`} />
          </li>
        )
      })}
    </ul>
  )
  return (
    <section aria-labelledby='counter'>
      <h2 id='counter'>Counterparts</h2>
      <div class='two'>
        <div><h3>{a.name} spoke about</h3>{list(spokeAbout.items, 'target')}<More pages={spokeAbout} /></div>
        <div><h3>Spoke about {a.name}</h3>{list(spokenAboutBy.items, 'speaker')}<More pages={spokenAboutBy} /></div>
      </div>
      <p><a href={`${BASE}/matrix?speakers=${encodeURIComponent(a.id)}`}>{a.name}'s row in the stance matrix</a> · <a href={`${BASE}/matrix?targets=${encodeURIComponent(a.id)}`}>{a.name}'s column</a></p>
    </section>
  )
}
