// Each export format read by a tool no one here wrote: Python's csv module, networkx (GraphML
// and GEXF 1.3) and jsonld.js, over the article graph, with the counts computed from the seed
// JSON or a Cypher count rather than from the export itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import jsonld from 'jsonld'
import { article, expectBadParameters, get, seededApp, statement } from '../routes/v1/seeded.js'
import { ensureNetworkx, runPython } from './support.js'

let app: FastifyInstance
beforeAll(async () => {
  ensureNetworkx()
  app = await seededApp()
}, 600_000)
afterAll(async () => { await app?.close() })

async function exportOk (query: string) {
  const res = await get(app, `/v1/export?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res
}

const pairsOf = (statements = article.statements) => new Set(statements.flatMap((s) => s.speakers.flatMap((sp) => s.targets.map((t) => `${sp.actor}>${t.actor}`))))
const edgesOf = (statements = article.statements) => statements.reduce((n, s) => n + s.speakers.length * s.targets.length, 0)

const CSV_READER = `
import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    raw = f.read()
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.DictReader(f, strict=True))
print(json.dumps({"rows": rows, "crlf": raw.count("\\r\\n"), "lf": raw.count("\\n")}))
`

const NETWORKX_READER = `
import json, sys
import networkx as nx
path = sys.argv[1]
G = nx.read_graphml(path) if path.endswith('.graphml') else nx.read_gexf(path, version='1.3')
print(json.dumps({
  "nodes": {n: d for n, d in G.nodes(data=True)},
  "edges": [[u, v, d] for u, v, d in G.edges(data=True)],
  "directed": G.is_directed(),
}, default=str))
`

describe('GET /v1/export', () => {
  it.each([
    ['ndjson', 'application/x-ndjson', 'ndjson'],
    ['csv', 'text/csv; charset=utf-8; header=present', 'csv'],
    ['graphml', 'application/graphml+xml', 'graphml'],
    ['gexf', 'application/gexf+xml', 'gexf'],
    ['jsonld', 'application/ld+json', 'jsonld'],
  ])('format=%s answers %s as an attachment', async (format, type, ext) => {
    const res = await exportOk(`format=${format}`)
    expect(res.headers['content-type']).toBe(type)
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="whosaid-\\d{4}-\\d{2}-\\d{2}\\.${ext}"$`))
  })

  it('CSV: Python\'s csv module reads one row per statement × speaker × target (RFC 4180, CRLF)', async () => {
    const res = await exportOk('format=csv')
    const { rows, crlf, lf } = await runPython<{ rows: Array<Record<string, string>>, crlf: number, lf: number }>(CSV_READER, res.body, 'csv')
    const [count] = await app.db.read('MATCH (a:Actor)-[:SAID]->(s:Statement) OPTIONAL MATCH (s)-[:ABOUT]->(t:Actor) RETURN count(*) AS n')
    expect(rows).toHaveLength(Number(count!.n))
    expect(rows).toHaveLength(article.statements.reduce((n, s) => n + s.speakers.length * Math.max(1, s.targets.length), 0))
    // Every line ends in CRLF; the only bare LFs are inside quoted fields (evidence text).
    expect(crlf).toBeGreaterThanOrEqual(rows.length + 1)
    expect(lf).toBe(crlf)
    const s = statement('cloutier-minimize-data-access-across-regions')
    const row = rows.find((r) => r.statement_id === s.id)!
    expect(row).toMatchObject({
      speaker_id: s.speakers[0]!.actor,
      text: s.text,
      evidence_text: s.reportedIn.evidence.text,
      evidence_start: String(s.reportedIn.evidence.start),
      evidence_end: String(s.reportedIn.evidence.end),
      document_id: s.reportedIn.document,
    })
    const actors = (await runPython<{ rows: Array<Record<string, string>> }>(CSV_READER, (await exportOk('format=csv&table=actors')).body, 'csv')).rows
    expect(actors.map((a) => a.id).sort()).toEqual(article.actors.map((a) => a.id).sort())
    const documents = (await runPython<{ rows: Array<Record<string, string>> }>(CSV_READER, (await exportOk('format=csv&table=documents')).body, 'csv')).rows
    expect(documents.map((d) => d.id).sort()).toEqual(article.documents.map((d) => d.id).sort())
  })

  it('CSV with spreadsheetSafe=true neutralises cells that start like a formula', async () => {
    const res = await exportOk('format=csv&spreadsheetSafe=true')
    const { rows } = await runPython<{ rows: Array<Record<string, string>> }>(CSV_READER, res.body, 'csv')
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('GraphML: networkx reads actors as nodes with typed attributes and one edge per statement × speaker × target', async () => {
    const g = await runPython(NETWORKX_READER, (await exportOk('format=graphml')).body, 'graphml')
    expect(g.directed).toBe(true)
    expect(Object.keys(g.nodes).sort()).toEqual(article.actors.map((a) => `actor:${a.id}`).sort())
    expect(g.edges).toHaveLength(edgesOf())
    const carr = g.nodes['actor:brendan-carr']
    expect(carr).toMatchObject({ type: 'actor', kind: 'person', name: 'Brendan Carr' })
    expect(carr.said).toBe(article.statements.filter((s) => s.speakers.some((sp) => sp.actor === 'brendan-carr')).length)
    const stances = new Set(g.edges.map((e: any[]) => e[2].stance))
    expect([...stances].every((x) => ['critical', 'supportive', 'neutral'].includes(x as string))).toBe(true)

    const pairs = await runPython(NETWORKX_READER, (await exportOk('format=graphml&edges=pairs')).body, 'graphml')
    expect(pairs.edges).toHaveLength(pairsOf().size)
    const total = pairs.edges.reduce((n: number, e: any[]) => n + Number(e[2].weight), 0)
    expect(total).toBe(edgesOf())

    const all = await runPython(NETWORKX_READER, (await exportOk('format=graphml&include=documents,statements')).body, 'graphml')
    expect(Object.keys(all.nodes)).toHaveLength(article.actors.length + article.documents.length + article.statements.length)
  })

  it('GEXF 1.3: networkx reads the same graph, with dates as spells for Gephi\'s timeline', async () => {
    const g = await runPython(NETWORKX_READER, (await exportOk('format=gexf')).body, 'gexf')
    expect(Object.keys(g.nodes).sort()).toEqual(article.actors.map((a) => `actor:${a.id}`).sort())
    expect(g.edges).toHaveLength(edgesOf())
    expect(g.nodes['actor:tiktok']).toMatchObject({ kind: 'organisation', type: 'actor', label: 'TikTok' })
    const dated = g.edges.filter((e: any[]) => e[2].spells)
    expect(dated.length).toBe(article.statements.filter((s) => s.date).reduce((n, s) => n + s.speakers.length * s.targets.length, 0))
    const s = statement('cloutier-minimize-data-access-across-regions')
    const edge = g.edges.find((e: any[]) => e[2].statement === s.id)
    expect(edge[2].spells).toEqual([['2020-01-01', '2020-12-31']])

    const pairs = await runPython(NETWORKX_READER, (await exportOk('format=gexf&edges=pairs')).body, 'gexf')
    expect(pairs.edges).toHaveLength(pairsOf().size)
    for (const e of pairs.edges) expect(Number(e[2].critical) + Number(e[2].supportive) + Number(e[2].neutral)).toBe(Number(e[2].weight))
  })

  it('GraphML and GEXF of a filtered subgraph: only the matching statements\' edges', async () => {
    const about = article.statements.filter((s) => s.targets.some((t) => t.actor === 'tiktok'))
    for (const format of ['graphml', 'gexf']) {
      const g = await runPython(NETWORKX_READER, (await exportOk(`format=${format}&about=tiktok`)).body, format)
      expect(g.edges).toHaveLength(edgesOf(about))
    }
  })
})

// A document loader that refuses the network: only whosaid's context, answered by the app itself.
function offlineLoader () {
  const asked: string[] = []
  const loader = async (url: string) => {
    asked.push(url)
    const path = new URL(url).pathname
    if (path !== '/v1/context.jsonld') throw new Error(`refusing to fetch ${url}: offline`)
    const res = await get(app, path)
    return { contextUrl: undefined, documentUrl: url, document: res.json() }
  }
  return { loader, asked }
}

const SCHEMA = 'https://schema.org/'
const OA = 'http://www.w3.org/ns/oa#'
const PROV = 'http://www.w3.org/ns/prov#'
const first = (node: any, iri: string) => node[iri]?.[0]

describe('JSON-LD', () => {
  it('GET /v1/statements/{id} with Accept: application/ld+json expands offline to its speaker, text, evidence selectors and original document', async () => {
    const s = statement('cloutier-minimize-data-access-across-regions')
    const res = await get(app, `/v1/statements/${s.id}`, { accept: 'application/ld+json' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    expect(res.headers.vary).toMatch(/Accept/)
    const { loader, asked } = offlineLoader()
    const expanded = await jsonld.expand(res.json(), { documentLoader: loader as never }) as any[]
    expect(asked).toEqual(['http://localhost:80/v1/context.jsonld'])
    const node = expanded.find((n) => n['@id'] === `http://localhost:80/v1/statements/${s.id}`)
    expect(node['@type']).toEqual([`${SCHEMA}Quotation`])
    expect(first(node, `${SCHEMA}text`)['@value']).toBe(s.text)
    expect(first(node, `${SCHEMA}author`)['@id']).toBe(`http://localhost:80/v1/actors/${s.speakers[0]!.actor}`)
    expect(first(node, `${PROV}wasQuotedFrom`)['@id']).toBe(`http://localhost:80/v1/documents/${s.originalDocument}`)
    const annotation = first(node, 'urn:whosaid:vocab:evidence')
    expect(annotation['@type']).toEqual([`${OA}Annotation`])
    const target = first(annotation, `${OA}hasTarget`)
    expect(first(target, `${OA}hasSource`)['@id']).toBe(`http://localhost:80/v1/documents/${s.reportedIn.document}`)
    const selectors = target[`${OA}hasSelector`]
    const position = selectors.find((x: any) => x['@type'][0] === `${OA}TextPositionSelector`)
    const quote = selectors.find((x: any) => x['@type'][0] === `${OA}TextQuoteSelector`)
    expect(first(position, `${OA}start`)['@value']).toBe(s.reportedIn.evidence.start)
    expect(first(position, `${OA}end`)['@value']).toBe(s.reportedIn.evidence.end)
    expect(first(quote, `${OA}exact`)['@value']).toBe(s.reportedIn.evidence.text)
    expect(first(quote, `${OA}prefix`)['@value']).toBe(s.reportedIn.evidence.before)
    expect(first(quote, `${OA}suffix`)['@value']).toBe(s.reportedIn.evidence.after)
  })

  it('plain JSON stays the default, and actors and documents answer JSON-LD too', async () => {
    expect((await get(app, '/v1/statements/cloutier-minimize-data-access-across-regions')).json().id).toBe('cloutier-minimize-data-access-across-regions')
    const { loader } = offlineLoader()
    const actor = await jsonld.expand((await get(app, '/v1/actors/brendan-carr', { accept: 'application/ld+json' })).json(), { documentLoader: loader as never }) as any[]
    expect(actor[0]['@type']).toContain(`${SCHEMA}Person`)
    expect(first(actor[0], `${SCHEMA}name`)['@value']).toBe('Brendan Carr')
    const doc = await jsonld.expand((await get(app, '/v1/documents/tiktok-on-defense-2022', { accept: 'application/ld+json' })).json(), { documentLoader: loader as never }) as any[]
    expect(doc[0]['@type']).toContain(`${SCHEMA}NewsArticle`)
    expect(doc[0][`${SCHEMA}hasPart`].length).toBe(article.statements.filter((s) => s.reportedIn.document === 'tiktok-on-defense-2022').length)
  })

  it('PUBLIC_BASE_URL fixes the URIs whatever the Host', async () => {
    const other = await (await import('../helpers.js')).buildTestApp({ PUBLIC_BASE_URL: 'https://whosaid.example.org/' })
    try {
      const res = await other.inject({ method: 'GET', url: '/v1/actors/tiktok', headers: { accept: 'application/ld+json', host: 'evil.example' } })
      expect(res.json()['@id']).toBe('https://whosaid.example.org/v1/actors/tiktok')
    } finally {
      await other.close()
    }
  })

  it('the JSON-LD export carries its context inline: it expands with no loader at all', async () => {
    const res = await exportOk('format=jsonld')
    const expanded = await jsonld.expand(res.json(), { documentLoader: (async (url: string) => { throw new Error(`refusing ${url}`) }) as never }) as any[]
    const statements = expanded.filter((n) => n['@type']?.some((t: string) => t === `${SCHEMA}Quotation` || t === `${SCHEMA}Claim`))
    expect(statements).toHaveLength(article.statements.length)
    expect(expanded.filter((n) => n['@type']?.includes(`${PROV}Agent`))).toHaveLength(article.actors.length)
  })
})

describe('bad input and empty subgraphs', () => {
  it.each([
    ['format=xml', ['querystring.format']],
    ['stance=angry', ['querystring.stance']],
    ['since=2022-13', ['querystring.since']],
    ['format=csv&table=edges', ['querystring.table']],
    ['format=graphml&edges=all', ['querystring.edges']],
    ['colour=red', ['querystring.colour']],
  ])('%s is a 400 naming it', async (query, names) => {
    expectBadParameters(await get(app, `/v1/export?${query}`), names)
  })

  it('options of another format are ignored, not refused (a link that switches format keeps working; found by the fuzz run)', async () => {
    const plain = await exportOk('format=ndjson')
    const withOthers = await exportOk('format=ndjson&table=actors&spreadsheetSafe=true&edges=pairs&include=documents')
    expect(withOthers.body).toBe(plain.body)
  })

  it('a filter that matches nothing gives a valid empty file in every format', async () => {
    const none = 'speaker=nobody-said-this'
    expect((await exportOk(`format=ndjson&${none}`)).body).toBe('')
    const csv = await runPython<{ rows: unknown[] }>(CSV_READER, (await exportOk(`format=csv&${none}`)).body, 'csv')
    expect(csv.rows).toEqual([])
    for (const table of ['actors', 'documents']) {
      expect((await runPython<{ rows: unknown[] }>(CSV_READER, (await exportOk(`format=csv&table=${table}&${none}`)).body, 'csv')).rows).toEqual([])
    }
    for (const format of ['graphml', 'gexf']) {
      for (const edges of ['statements', 'pairs']) {
        const g = await runPython(NETWORKX_READER, (await exportOk(`format=${format}&edges=${edges}&include=documents,statements&${none}`)).body, format)
        expect(g.nodes).toEqual({})
        expect(g.edges).toEqual([])
      }
    }
    const ld = (await exportOk(`format=jsonld&${none}`)).json()
    expect(await jsonld.expand(ld, { documentLoader: (async () => { throw new Error('offline') }) as never })).toEqual([])
  })
})

describe('the OpenAPI examples of GET /v1/export', () => {
  it('each is how the real answer starts (over the article graph, PUBLIC_BASE_URL as captured)', async () => {
    const { EXPORT_EXAMPLES, EXPORT_EXAMPLE_QUERY } = await import('../../src/routes/v1/export-examples.js')
    const other = await (await import('../helpers.js')).buildTestApp({ PUBLIC_BASE_URL: 'http://127.0.0.1:3000' })
    try {
      for (const format of ['ndjson', 'csv', 'graphml', 'gexf', 'jsonld']) {
        const res = await other.inject({ method: 'GET', url: `/v1/export?format=${format}&${EXPORT_EXAMPLE_QUERY}` })
        expect(EXPORT_EXAMPLES[format], format).toBeTruthy()
        // GEXF's <meta lastmodifieddate> is the day of the export, so the example captured on
        // another day differs there and only there.
        const undated = (text: string): string => text.replace(/lastmodifieddate="\d{4}-\d{2}-\d{2}"/, 'lastmodifieddate="DAY"')
        expect(undated(res.body).startsWith(undated(EXPORT_EXAMPLES[format]!.replace(/\n$/, ''))), format).toBe(true)
      }
    } finally {
      await other.close()
    }
  })
})
