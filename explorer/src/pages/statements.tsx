// /explore/statements?speaker=&about=&stance=&type=&since=&until=&q=: a filtered statement list.
import { api, unwrap, type Statement } from '../api'
import { usePages } from '../data'
import { StatementList } from '../components'
import { FilterForm } from './home'

const KEYS = ['speaker', 'about', 'stance', 'type', 'since', 'until', 'q', 'document'] as const

export function StatementsPage ({ url }: { url: URL }) {
  const values: Record<string, string | undefined> = {}
  for (const k of KEYS) values[k] = url.searchParams.get(k) || undefined
  const key = KEYS.map((k) => values[k] ?? '').join('|')
  const pages = usePages<Statement>(async (cursor) => unwrap(await api.GET('/v1/statements', {
    params: { query: { ...values, limit: 20, cursor } as never },
  })).data, [key])
  const described = [
    values.speaker && `by ${values.speaker}`, values.about && `about ${values.about}`, values.stance,
    values.type, values.since && `from ${values.since}`, values.until && `until ${values.until}`,
  ].filter(Boolean).join(', ')
  return (
    <>
      <h1 tabIndex={-1}>Statements{described && <> {described}</>}</h1>
      <FilterForm values={values} />
      <StatementList pages={pages} empty='No statement matches these filters.' />
    </>
  )
}
