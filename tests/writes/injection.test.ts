// Hostile input in every parameter of every read endpoint and in write bodies: quotes, Cypher
// fragments, NUL, unicode, 100k characters, $param, backticks... Only 400 (or 404 / an empty
// result for well-formed unknown values) may come back, never a 5xx, and the graph must not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import {
  KEYS, dbCounts, del, evidenceFor, expectProblem, get, getOk, patch, post, put, restoreAndClose, stats, statementBody,
  writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const PAYLOADS: Record<string, string> = {
  'double quote': '"',
  'single quote': "'",
  'cypher break-out': "'}) DETACH DELETE n //",
  'cypher break-out (double)': '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
  'cypher union': "x' UNION MATCH (n) DETACH DELETE n //",
  NUL: '\u0000',
  'NUL in an id': 'tiktok\u0000',
  unicode: 'Zoë 北京 😀 \u202e\u200b',
  '100k characters': 'a'.repeat(100_000),
  $param: '$param',
  'parameter map': '{id: $id}',
  backticks: '`n` DETACH DELETE n',
  'lucene syntax': 'tiktok* OR name:(a~2) AND "x" \\ [a TO z]',
  'apoc call': "' CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) //",
  'sql classic': "1' OR '1'='1",
  'json object': '{"$ne":null}',
  'percent-encoded again': '%27%00',
  'trailing comma': 'tiktok,',
  'negative number': '-1',
  'huge number': '99999999999999999999',
  float: '1.5',
  'empty string': '',
  CRLF: 'a\r\nX-Injected: 1',
}

/** A well-formed id that does not exist: 404 for a path, an empty result for a filter. */
const UNKNOWN_ID = 'no-such-id-0'
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** Payloads that are themselves well-formed (unknown) ids, such as "99999999999999999999". */
const isWellFormedId = (p: string) => SLUG.test(p) && p.length <= 120

type Kind = 'path-id' | 'query-id' | 'id-list' | 'enum' | 'int' | 'date' | 'datetime' | 'cursor' | 'text' | 'bool' | 'types' | 'param-name'

interface Param { where: string, kind: Kind, url: (value: string) => string }

const e = encodeURIComponent

const PARAMS: Param[] = [
  // path ids
  ...['/v1/actors/{}', '/v1/actors/{}/statements', '/v1/actors/{}/mentions', '/v1/statements/{}', '/v1/documents/{}',
    '/v1/who-said-what-about/{}', '/v1/graph/neighbourhood/{}'].map((path) => ({ where: path, kind: 'path-id' as const, url: (v: string) => path.replace('{}', e(v)) })),
  { where: '/v1/paths from', kind: 'query-id', url: (v) => `/v1/paths?from=${e(v)}&to=tiktok` },
  { where: '/v1/paths to', kind: 'query-id', url: (v) => `/v1/paths?from=tiktok&to=${e(v)}` },
  // /v1/actors
  { where: '/v1/actors q', kind: 'text', url: (v) => `/v1/actors?q=${e(v)}` },
  { where: '/v1/actors kind', kind: 'enum', url: (v) => `/v1/actors?kind=${e(v)}` },
  { where: '/v1/actors limit', kind: 'int', url: (v) => `/v1/actors?limit=${e(v)}` },
  { where: '/v1/actors cursor', kind: 'cursor', url: (v) => `/v1/actors?cursor=${e(v)}` },
  { where: '/v1/actors parameter name', kind: 'param-name', url: (v) => `/v1/actors?${e(v)}=1` },
  // an actor's statements and mentions
  ...(['statements', 'mentions'] as const).flatMap((sub): Param[] => {
    const base = `/v1/actors/tiktok/${sub}`
    return [
      { where: `${base} ${sub === 'statements' ? 'about' : 'speaker'}`, kind: 'id-list', url: (v) => `${base}?${sub === 'statements' ? 'about' : 'speaker'}=${e(v)}` },
      { where: `${base} topic`, kind: 'id-list', url: (v) => `${base}?topic=${e(v)}` },
      { where: `${base} stance`, kind: 'enum', url: (v) => `${base}?stance=${e(v)}` },
      { where: `${base} since`, kind: 'date', url: (v) => `${base}?since=${e(v)}` },
      { where: `${base} until`, kind: 'date', url: (v) => `${base}?until=${e(v)}` },
      { where: `${base} limit`, kind: 'int', url: (v) => `${base}?limit=${e(v)}` },
      { where: `${base} cursor`, kind: 'cursor', url: (v) => `${base}?cursor=${e(v)}` },
    ]
  }),
  // /v1/statements
  ...['speaker', 'about', 'topic', 'document'].map((name): Param => ({ where: `/v1/statements ${name}`, kind: 'id-list', url: (v) => `/v1/statements?${name}=${e(v)}` })),
  { where: '/v1/statements speaker (second of two)', kind: 'id-list', url: (v) => `/v1/statements?speaker=no-such-id-1,${e(v)}` },
  { where: '/v1/statements stance', kind: 'enum', url: (v) => `/v1/statements?stance=${e(v)}` },
  { where: '/v1/statements type', kind: 'enum', url: (v) => `/v1/statements?type=${e(v)}` },
  { where: '/v1/statements q', kind: 'text', url: (v) => `/v1/statements?q=${e(v)}` },
  { where: '/v1/statements since', kind: 'date', url: (v) => `/v1/statements?since=${e(v)}` },
  { where: '/v1/statements until', kind: 'date', url: (v) => `/v1/statements?until=${e(v)}` },
  { where: '/v1/statements includeAffiliates', kind: 'bool', url: (v) => `/v1/statements?about=tiktok&includeAffiliates=${e(v)}` },
  { where: '/v1/statements limit', kind: 'int', url: (v) => `/v1/statements?limit=${e(v)}` },
  { where: '/v1/statements cursor', kind: 'cursor', url: (v) => `/v1/statements?cursor=${e(v)}` },
  // analysis
  { where: '/v1/who-said-what-about since', kind: 'date', url: (v) => `/v1/who-said-what-about/tiktok?since=${e(v)}` },
  { where: '/v1/who-said-what-about until', kind: 'date', url: (v) => `/v1/who-said-what-about/tiktok?until=${e(v)}` },
  { where: '/v1/who-said-what-about perSpeaker', kind: 'int', url: (v) => `/v1/who-said-what-about/tiktok?perSpeaker=${e(v)}` },
  { where: '/v1/who-said-what-about limit', kind: 'int', url: (v) => `/v1/who-said-what-about/tiktok?limit=${e(v)}` },
  { where: '/v1/who-said-what-about cursor', kind: 'cursor', url: (v) => `/v1/who-said-what-about/tiktok?cursor=${e(v)}` },
  { where: '/v1/stance-matrix speakers', kind: 'id-list', url: (v) => `/v1/stance-matrix?speakers=${e(v)}` },
  { where: '/v1/stance-matrix targets', kind: 'id-list', url: (v) => `/v1/stance-matrix?targets=${e(v)}` },
  { where: '/v1/stance-matrix since', kind: 'date', url: (v) => `/v1/stance-matrix?since=${e(v)}` },
  { where: '/v1/stance-matrix until', kind: 'date', url: (v) => `/v1/stance-matrix?until=${e(v)}` },
  { where: '/v1/stance-matrix limit', kind: 'int', url: (v) => `/v1/stance-matrix?limit=${e(v)}` },
  { where: '/v1/stance-matrix cursor', kind: 'cursor', url: (v) => `/v1/stance-matrix?cursor=${e(v)}` },
  // documents
  { where: '/v1/documents kind', kind: 'enum', url: (v) => `/v1/documents?kind=${e(v)}` },
  { where: '/v1/documents limit', kind: 'int', url: (v) => `/v1/documents?limit=${e(v)}` },
  { where: '/v1/documents cursor', kind: 'cursor', url: (v) => `/v1/documents?cursor=${e(v)}` },
  { where: '/v1/documents/{id} includeText', kind: 'bool', url: (v) => `/v1/documents/buzzfeed-report?includeText=${e(v)}` },
  // graph
  { where: '/v1/graph/neighbourhood depth', kind: 'int', url: (v) => `/v1/graph/neighbourhood/tiktok?depth=${e(v)}` },
  { where: '/v1/graph/neighbourhood limit', kind: 'int', url: (v) => `/v1/graph/neighbourhood/tiktok?limit=${e(v)}` },
  { where: '/v1/paths maxHops', kind: 'int', url: (v) => `/v1/paths?from=tiktok&to=fcc&maxHops=${e(v)}` },
  // search, stats, changes
  { where: '/v1/search q', kind: 'text', url: (v) => `/v1/search?q=${e(v)}` },
  { where: '/v1/search types', kind: 'types', url: (v) => `/v1/search?q=tiktok&types=${e(v)}` },
  { where: '/v1/search limit', kind: 'int', url: (v) => `/v1/search?q=tiktok&limit=${e(v)}` },
  { where: '/v1/search cursor', kind: 'cursor', url: (v) => `/v1/search?q=tiktok&cursor=${e(v)}` },
  { where: '/v1/stats (unknown parameter)', kind: 'param-name', url: (v) => `/v1/stats?x=${e(v)}` },
  { where: '/v1/changes since', kind: 'datetime', url: (v) => `/v1/changes?since=${e(v)}` },
  { where: '/v1/changes limit', kind: 'int', url: (v) => `/v1/changes?since=2020-01-01T00:00:00Z&limit=${e(v)}` },
  { where: '/v1/changes cursor', kind: 'cursor', url: (v) => `/v1/changes?since=2020-01-01T00:00:00Z&cursor=${e(v)}` },
]

/** Items of a 200 answer, whatever the endpoint calls them. */
function resultItems (res: LightMyRequestResponse): unknown[] | null {
  const body = res.json() as Record<string, unknown>
  for (const key of ['items', 'cells', 'groups', 'paths']) if (Array.isArray(body[key])) return body[key] as unknown[]
  return null
}

/** What a request may answer: [statuses allowed, whether a 200 must be empty]. */
function allowed (kind: Kind, payload: string): { statuses: number[], empty200: boolean } {
  const wellFormedId = isWellFormedId(payload)
  switch (kind) {
    case 'path-id':
      // 414: the router's own limit on path parameters (maxParamLength), see the [bug] test below
      return { statuses: wellFormedId ? [404] : payload.length > 2048 ? [400, 404, 414] : [400, 404], empty200: true }
    case 'query-id':
      return { statuses: wellFormedId ? [404] : [400], empty200: true }
    case 'id-list':
      return { statuses: wellFormedId ? [200] : [400], empty200: true }
    case 'text':
      return { statuses: [200, 400], empty200: false }
    default:
      return { statuses: [400], empty200: true }
  }
}

describe('hostile values in every read parameter', () => {
  it(`${PARAMS.length} parameters × ${Object.keys(PAYLOADS).length + 1} payloads: only 400/404 or an empty 200, never 5xx; the graph is unchanged`, async () => {
    const beforeStats = await stats(app)
    const beforeCounts = await dbCounts(app)
    const failures: string[] = []
    let requests = 0
    for (const param of PARAMS) {
      for (const [name, payload] of [...Object.entries(PAYLOADS), ['well-formed unknown id', UNKNOWN_ID] as const]) {
        const url = param.url(payload)
        const res = await get(app, url)
        requests++
        const what = `${param.where} = ${name}: ${res.statusCode}`
        const { statuses, empty200 } = allowed(param.kind, payload)
        if (res.statusCode >= 500) {
          failures.push(`${what} (server error) ${res.body.slice(0, 200)}`)
          continue
        }
        if (!statuses.includes(res.statusCode)) failures.push(`${what}, expected ${statuses.join(' or ')}: ${res.body.slice(0, 200)}`)
        if ((res.statusCode === 400 || res.statusCode === 404) && !String(res.headers['content-type']).startsWith('application/problem+json')) {
          failures.push(`${what} is not problem+json`)
        }
        if (res.statusCode === 200 && empty200) {
          const items = resultItems(res)
          if (items === null || items.length > 0) failures.push(`${what} answered a non-empty result: ${res.body.slice(0, 200)}`)
        }
      }
    }
    expect(requests).toBeGreaterThan(1000)
    expect(failures).toEqual([])
    expect(await stats(app)).toEqual(beforeStats)
    expect(await dbCounts(app)).toEqual(beforeCounts)
  }, 180_000)

  it('51 hostile ids in one list are 400, not a query', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `x${i}`).join(',')
    expectProblem(await get(app, `/v1/statements?speaker=${ids}`), 400, 'invalid-parameters')
    const hostile = Array.from({ length: 51 }, () => e("'}) DETACH DELETE n //")).join(',')
    expectProblem(await get(app, `/v1/statements?about=${hostile}`), 400, 'invalid-parameters')
  })

  it('router errors (a 100k-character path id, malformed percent-encoding) are problem+json like every other error', async () => {
    // Fastify answers these itself (FST_ERR_MAX_PARAM_LENGTH 414 beyond the router's
    // maxParamLength of 2048; FST_ERR_BAD_URL 400) with its own JSON, before the problem
    // handler sees the request: app.ts sets no `frameworkErrors`.
    for (const url of [`/v1/actors/${'a'.repeat(100_000)}`, '/v1/actors/%zz', '/v1/statements/%E0%A4%A']) {
      const res = await get(app, url)
      expect(res.statusCode, url.slice(0, 40)).toBeLessThan(500)
      expect(res.headers['content-type'], `${url.slice(0, 40)}: ${res.body.slice(0, 120)}`).toMatch(/^application\/problem\+json/)
    }
  })

  it('an actor with a valid 110-character id can be read, replaced and deleted through its URL', async () => {
    // Ids may have 120 characters; before 3c1f5a1 the router's default maxParamLength (100)
    // answered 414 for them.
    const id = `long-${'x'.repeat(105)}`
    expect(id.length).toBe(110)
    const imported = await post(app, '/v1/import', { actors: [{ id, name: 'Long id', kind: 'person' }] })
    expect(imported.statusCode, imported.body).toBe(200)
    try {
      expect((await get(app, `/v1/actors/${id}`)).statusCode).toBe(200)
      expect((await put(app, `/v1/actors/${id}`, { name: 'Long id 2', kind: 'person' })).statusCode).toBe(200)
      expect((await del(app, `/v1/actors/${id}`)).statusCode).toBe(204)
    } finally {
      await app.db.write('MATCH (a:Actor {id: $id}) DETACH DELETE a', { id })
    }
  })
})

describe('hostile headers', () => {
  it('Authorization, If-None-Match, X-Request-Id, Accept and Idempotency-Key values never cause a 5xx', async () => {
    const before = await dbCounts(app)
    for (const [name, payload] of Object.entries(PAYLOADS)) {
      if (payload.length > 10_000 || /[^\u0020-\u007e]/.test(payload)) continue // not sendable as a header value
      const responses = [
        await get(app, '/v1/actors/tiktok', null, { authorization: `Bearer ${payload}` }),
        await get(app, '/v1/actors/tiktok', null, { authorization: payload }),
        await get(app, '/v1/actors/tiktok', null, { 'if-none-match': payload }),
        await get(app, '/v1/actors/tiktok', null, { 'x-request-id': payload }),
        await get(app, '/v1/actors/tiktok', null, { accept: payload }),
        await post(app, '/v1/actors', { name: 'Header probe', kind: 'person' }, KEYS.editor, { 'idempotency-key': payload }),
        await patch(app, '/v1/actors/tiktok', { description: 'if-match probe' }, KEYS.editor, { 'if-match': payload }),
      ]
      for (const res of responses) expect(res.statusCode, `${name}: ${res.body}`).toBeLessThan(500)
      const reqId = await get(app, '/v1/actors/tiktok', null, { 'x-request-id': payload })
      expect(reqId.headers['x-request-id']).toMatch(/^[A-Za-z0-9._:-]{1,128}$/)
    }
    // the header probes that were accepted created actors named "Header probe" (and their
    // idempotency keys); nothing else changed
    await app.db.write('MATCH (a:Actor {name: "Header probe"}) DETACH DELETE a')
    await app.db.write('MATCH (k:IdempotencyKey) DELETE k')
    expect(await dbCounts(app)).toEqual(before)
    expect((await getOk(app, '/v1/actors/tiktok')).description).not.toBe('if-match probe')
  })

  it('a forged neo4j-bookmarks header is a 400 (or ignored), not a 500', async () => {
    // parseBookmarks accepts any base64url JSON array of strings and hands them to the driver;
    // Neo4j rejects them (Neo.ClientError.Transaction.InvalidBookmark) and the problem handler
    // turns that client error into a 500.
    const forged = Buffer.from(JSON.stringify(["'}) DETACH DELETE n //"]), 'utf8').toString('base64url')
    const read = await get(app, '/v1/actors/tiktok', null, { 'neo4j-bookmarks': forged })
    expect(read.statusCode, read.body).toBeLessThan(500)
    const write = await put(app, '/v1/actors/bookmark-probe', { name: 'Bookmark probe', kind: 'person' }, KEYS.editor, { 'neo4j-bookmarks': forged })
    expect(write.statusCode, write.body).toBeLessThan(500)
  })
})

describe('hostile values in write bodies', () => {
  const TEXT_PAYLOADS = Object.entries(PAYLOADS).filter(([, p]) => p.length > 0 && p.length <= 300)

  it('as free text (name, aliases, description, verb, note, title) they are stored and read back verbatim', async () => {
    const before = await stats(app)
    for (const [name, payload] of TEXT_PAYLOADS) {
      const actor = await put(app, '/v1/actors/hostile-text', { name: payload, kind: 'person', aliases: [payload + ' alias'], description: payload })
      expect(actor.statusCode, `${name}: ${actor.body}`).toBeLessThan(300)
      expect(actor.json()).toMatchObject({ name: payload, aliases: [payload + ' alias'], description: payload })
      const [row] = await app.db.read('MATCH (a:Actor {id: "hostile-text"}) RETURN a.name AS name', {})
      expect(row!.name, name).toBe(payload)

      const doc = await put(app, '/v1/documents/hostile-text', { title: payload, kind: 'other', datePrecision: 'unknown', note: payload })
      expect(doc.statusCode, `${name}: ${doc.body}`).toBeLessThan(300)
      expect(doc.json()).toMatchObject({ title: payload, note: payload })

      const st = await put(app, '/v1/statements/hostile-text', statementBody('blackburn-tiktok-should-have-come-clean', {
        attribution: 'paraphrase', text: payload, verb: payload.slice(0, 60), note: payload, links: undefined,
      }))
      expect(st.statusCode, `${name}: ${st.body}`).toBeLessThan(300)
      expect(st.json()).toMatchObject({ text: payload, note: payload })

      const patched = await patch(app, '/v1/actors/hostile-text', { description: payload + payload })
      expect(patched.statusCode, `${name}: ${patched.body}`).toBe(200)
      expect(patched.json().description).toBe(payload + payload)

      // and they can be searched for without a server error
      expect((await get(app, `/v1/actors?q=${e(payload)}`)).statusCode, name).toBeLessThan(500)
      expect((await get(app, `/v1/search?q=${e(payload)}`)).statusCode, name).toBeLessThan(500)
    }
    for (const c of ['statements', 'actors', 'documents']) expect((await del(app, `/v1/${c}/hostile-text`)).statusCode).toBe(204)
    expect(await stats(app)).toEqual(before)
  })

  it('as ids, enums and references they are 400 or 422, and nothing is written', async () => {
    const beforeStats = await stats(app)
    const beforeCounts = await dbCounts(app)
    const failures: string[] = []
    // 400 for what the JSON Schema rejects, 422 for what the seed validator rejects
    const check = (what: string, res: LightMyRequestResponse, statuses = [400, 422]) => {
      if (!statuses.includes(res.statusCode)) failures.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`)
      else if (!String(res.headers['content-type']).startsWith('application/problem+json')) failures.push(`${what}: not problem+json`)
    }
    const base = statementBody('blackburn-tiktok-should-have-come-clean')
    for (const [name, p] of Object.entries(PAYLOADS).filter(([, x]) => !isWellFormedId(x))) {
      check(`actor id in body (${name})`, await put(app, '/v1/actors/hostile-id', { id: p, name: 'x', kind: 'person' }))
      check(`actor kind (${name})`, await put(app, '/v1/actors/hostile-id', { name: 'x', kind: p }))
      check(`affiliation organisation (${name})`, await put(app, '/v1/actors/hostile-id', { name: 'x', kind: 'person', affiliations: [{ organisation: p, type: 'works-for' }] }))
      check(`speaker (${name})`, await put(app, '/v1/statements/hostile-id', { ...base, speakers: [{ actor: p }] }))
      check(`target (${name})`, await put(app, '/v1/statements/hostile-id', { ...base, targets: [{ actor: p, stance: 'critical' }] }))
      check(`stance (${name})`, await put(app, '/v1/statements/hostile-id', { ...base, targets: [{ actor: 'tiktok', stance: p }] }))
      check(`topic (${name})`, await put(app, '/v1/statements/hostile-id', { ...base, topics: [p] }))
      check(`reportedIn.document (${name})`, await put(app, '/v1/statements/hostile-id', { ...base, reportedIn: { ...base.reportedIn, document: p } }))
      check(`evidence.text (${name})`, await put(app, '/v1/statements/hostile-id', { ...base, reportedIn: { ...base.reportedIn, evidence: { ...evidenceFor('Blackburn'), text: p } } }))
      check(`link (${name})`, await put(app, '/v1/statements/hostile-id', { ...base, links: [{ type: 'supports', statement: p }] }))
      check(`document publisher (${name})`, await put(app, '/v1/documents/hostile-id', { title: 't', kind: 'other', datePrecision: 'unknown', publisher: p }))
      check(`document date (${name})`, await put(app, '/v1/documents/hostile-id', { title: 't', kind: 'other', datePrecision: 'day', date: p }))
      check(`document url (${name})`, await put(app, '/v1/documents/hostile-id', { title: 't', kind: 'other', datePrecision: 'unknown', url: p }))
      check(`merge into (${name})`, await post(app, '/v1/actors/mike-blake/merge', { into: p }, KEYS.admin))
      check(`unknown body key (${name})`, await put(app, '/v1/actors/hostile-id', { name: 'x', kind: 'person', [p]: 1 }))
      check(`PATCH kind (${name})`, await patch(app, '/v1/actors/mike-blake', { kind: p }))
      check(`PATCH speakers (${name})`, await patch(app, '/v1/statements/blackburn-tiktok-should-have-come-clean', { speakers: [{ actor: p }] }), [400, 422])
      check(`import actor id (${name})`, await post(app, '/v1/import', JSON.stringify({ actors: [{ id: p, name: 'x', kind: 'person' }] }) + '\n', KEYS.editor, { 'content-type': 'application/x-ndjson' }), [422])
      check(`import reference (${name})`, await post(app, '/v1/import', { affiliations: [{ actor: 'tiktok', organisation: p, type: 'works-for' }] }), [400, 422])
      if (p.length > 0 && !/[\r\n]/.test(p)) {
        check(`import raw line (${name})`, await post(app, '/v1/import', p + '\n', KEYS.editor, { 'content-type': 'application/x-ndjson' }), [400, 422])
      }
    }
    expect(failures).toEqual([])
    expect(await stats(app)).toEqual(beforeStats)
    expect(await dbCounts(app)).toEqual(beforeCounts)
    expect((await get(app, '/v1/actors/mike-blake')).statusCode).toBe(200)
  }, 180_000)

  it('a 100k-character name or description is 400 naming the field; nothing is written', async () => {
    const before = await dbCounts(app)
    const long = PAYLOADS['100k characters']!
    const name = expectProblem(await put(app, '/v1/actors/hostile-long', { name: long, kind: 'person' }), 400, 'invalid-parameters')
    expect(name.errors!.map((x) => x.name)).toContain('body.name')
    const desc = expectProblem(await put(app, '/v1/actors/hostile-long', { name: 'x', kind: 'person', description: long }), 400, 'invalid-parameters')
    expect(desc.errors!.map((x) => x.name)).toContain('body.description')
    expect(name.detail.length).toBeLessThan(5_000)
    expect(await dbCounts(app)).toEqual(before)
  })
})
