// /explore/matrix?speakers=&targets=: the stance matrix as a heatmap table (cells link to the
// statements) and, for one pair (&speaker=&target=), its stance over time.
import { api, unwrap, type StanceMatrix, type StanceTimeline } from '../api'
import { useData, usePages } from '../data'
import { More, STANCES, StanceBar, Status } from '../components'
import { BASE, actorHref, statementsHref } from '../router'

type Cell = StanceMatrix['cells'][number]

function dominant (c: Cell): string {
  const present = STANCES.filter((s) => c[s] > 0)
  return present.length === 1 ? present[0]! : 'mixed'
}

export function MatrixPage ({ url }: { url: URL }) {
  const speakers = url.searchParams.get('speakers') ?? ''
  const targets = url.searchParams.get('targets') ?? ''
  const pair = { speaker: url.searchParams.get('speaker') ?? '', target: url.searchParams.get('target') ?? '' }
  const pages = usePages<Cell>(async (cursor) => {
    const d = unwrap(await api.GET('/v1/stance-matrix', {
      params: { query: { ...(speakers ? { speakers } : {}), ...(targets ? { targets } : {}), limit: 100, cursor } },
    })).data
    return { items: d.cells, next: d.next }
  }, [speakers, targets])
  const rows = new Map<string, string>()
  const cols = new Map<string, { name: string, total: number }>()
  const cells = new Map<string, Cell>()
  for (const c of pages.items) {
    rows.set(c.speaker.id, c.speaker.name)
    cols.set(c.target.id, { name: c.target.name, total: (cols.get(c.target.id)?.total ?? 0) + c.total })
    cells.set(`${c.speaker.id}>${c.target.id}`, c)
  }
  // Columns with the most statements first, so the busiest targets are in view.
  const colList = [...cols].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
  const pairHref = (sp: string, t: string) => {
    const q = new URLSearchParams()
    if (speakers) q.set('speakers', speakers)
    if (targets) q.set('targets', targets)
    q.set('speaker', sp)
    q.set('target', t)
    return `${BASE}/matrix?${q.toString()}#timeline`
  }
  return (
    <>
      <h1 tabIndex={-1}>Stance matrix</h1>
      {/* uncontrolled fields, keyed by the URL: see SearchForm in home.tsx */}
      <form key={`${speakers}|${targets}`} class='filters' action={`${BASE}/matrix`} method='get' aria-label='matrix rows and columns'>
        <div class='grid'>
          <label>Speakers (ids, comma-separated)<input name='speakers' defaultValue={speakers} placeholder='brendan-carr,marsha-blackburn' /></label>
          <label>Targets (ids, comma-separated)<input name='targets' defaultValue={targets} placeholder='tiktok,bytedance' /></label>
        </div>
        <button type='submit'>Show</button>
      </form>
      {pages.items.length > 0 && (
        <div class='matrix-wrap'>
          <table class='matrix'>
            <caption>Statements by each speaker (rows) about each target (columns); colour: the stance, when all agree</caption>
            <thead><tr><th scope='col'>Speaker</th>{colList.map(([id, c]) => <th key={id} scope='col'><a href={actorHref(id)}>{c.name}</a></th>)}</tr></thead>
            <tbody>
              {[...rows].map(([sp, name]) => (
                <tr key={sp}>
                  <th scope='row'><a href={actorHref(sp)}>{name}</a></th>
                  {colList.map(([t, col]) => {
                    const c = cells.get(`${sp}>${t}`)
                    if (!c) return <td key={t} class='empty' />
                    const words = STANCES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`).join(', ')
                    return (
                      <td key={t} class={`cell ${dominant(c)}`} data-pair={`${sp}>${t}`}>
                        <a href={statementsHref({ speaker: sp, about: t })} aria-label={`${name} about ${col.name}: ${words}. Open the statements`}>{c.total}</a>
                        <a class='trend' href={pairHref(sp, t)} aria-label={`${name} about ${col.name} over time`}>over time</a>
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!pages.loading && !pages.error && pages.items.length === 0 && <p>No statements between these actors.</p>}
      <More pages={pages} />
      {pair.speaker && pair.target && <Timeline speaker={pair.speaker} target={pair.target} />}
    </>
  )
}

function Timeline ({ speaker, target }: { speaker: string, target: string }) {
  const t = useData(async () => unwrap(await api.GET('/v1/stance-timeline', { params: { query: { speaker, target, interval: 'month' } } })).data, [speaker, target])
  return (
    <section id='timeline' aria-labelledby='timeline-title' tabIndex={-1}>
      <h2 id='timeline-title'>Over time{t.data && <>: {t.data.speaker.name} about {t.data.target.name}</>}</h2>
      <Status state={t}>{t.data && <Chart t={t.data} />}</Status>
    </section>
  )
}

function Chart ({ t }: { t: StanceTimeline }) {
  const max = Math.max(1, ...t.periods.map((p) => p.total))
  const w = 56
  const h = 120
  return (
    <>
      {t.periods.length > 0 && (
        <svg class='chart' width={t.periods.length * w + 20} height={h + 30} role='img' aria-labelledby='chart-desc'>
          <desc id='chart-desc'>{t.periods.map((p) => `${p.period}: ${STANCES.filter((s) => p[s] > 0).map((s) => `${p[s]} ${s}`).join(', ')}`).join('; ')}</desc>
          {t.periods.map((p, i) => {
            let y = h
            return (
              <g key={p.period} transform={`translate(${10 + i * w},0)`}>
                {STANCES.map((s) => {
                  const bh = (p[s] / max) * (h - 10)
                  y -= bh
                  return bh > 0 && <rect key={s} class={`bar ${s}`} x={8} y={y} width={w - 16} height={bh} />
                })}
                <text x={w / 2} y={h + 16} text-anchor='middle'>{p.period}</text>
                <text x={w / 2} y={y - 3} text-anchor='middle'>{p.total}</text>
              </g>
            )
          })}
        </svg>
      )}
      {t.periods.length === 0 && <p>No statement in this pair has a date precise to the month.</p>}
      {t.imprecise.total > 0 && <p>Dated only to the year: <StanceBar counts={t.imprecise} label='dated only to the year' /></p>}
      {t.undated.total > 0 && <p>Undated: <StanceBar counts={t.undated} label='undated' /></p>}
    </>
  )
}
