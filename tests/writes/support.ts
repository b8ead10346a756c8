// Shared by the write-API suites: API keys (only their hashes go into the config), an app
// against the test Neo4j holding exactly the article's graph, request helpers, counts of the
// whole database, and problem+json checks.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../helpers.js'
import { seedArticle } from '../support/fixtures.js'
import { hashKey } from '../../src/lib/api-keys.js'
import { projectRoot } from '../../src/lib/paths.js'

// ---------- API keys ----------

export const KEYS = {
  reader: 'ws_test_reader_3f9a1c0d7e2b4a6c8d0e1f2a3b4c5d6e',
  editor: 'ws_test_editor_9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
  other: 'ws_test_other_writer_1a2b3c4d5e6f7a8b9c0d1e2f3a4b',
  admin: 'ws_test_admin_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
} as const

/** API_KEYS as the config takes it: name:scopes:sha256(key). */
export const API_KEYS = [
  `reader:read:${hashKey(KEYS.reader)}`,
  `editor:write:${hashKey(KEYS.editor)}`,
  `other:write:${hashKey(KEYS.other)}`,
  `boss:admin:${hashKey(KEYS.admin)}`,
].join(',')

export const auth = (key: string) => ({ authorization: `Bearer ${key}` })

// ---------- the app ----------

/**
 * The app with the test keys and a rate limit high enough not to matter, holding exactly the
 * article's graph. The transaction timeout is raised: the first writes on a freshly started
 * instance can be slow.
 */
export async function writesApp (overrides: Record<string, string> = {}, seed = true): Promise<FastifyInstance> {
  const app = await buildTestApp({ API_KEYS, RATE_LIMIT_MAX: '100000', NEO4J_QUERY_TIMEOUT_MS: '120000', ...overrides })
  if (seed) {
    try {
      await seedArticle(app.db)
    } catch (err) {
      await app.close()
      throw err
    }
  }
  return app
}

/** Puts exactly the article graph back and closes the app (for afterAll). */
export async function restoreAndClose (app: FastifyInstance | undefined): Promise<void> {
  if (!app) return
  try {
    await seedArticle(app.db)
  } finally {
    await app.close()
  }
}

// ---------- the article's data ----------

const seedDir = join(projectRoot(), 'graph-seed')
export const ARTICLE_ID = 'tiktok-on-defense-2022'
export const articleJson = readFileSync(join(seedDir, `${ARTICLE_ID}.json`), 'utf8')
export const articleText = readFileSync(join(seedDir, 'documents', `${ARTICLE_ID}.txt`), 'utf8')

export interface SeedStatement {
  id: string
  speakers: Array<{ actor: string, role?: string }>
  attribution: string
  verb: string
  text: string
  date?: string
  datePrecision: string
  targets: Array<{ actor: string, stance: string }>
  topics: string[]
  reportedIn: { document: string, evidence: { start: number, end: number, text: string, before: string, after: string } }
  originalDocument?: string
  links?: Array<{ type: string, statement: string }>
  note?: string
}

export interface Article {
  documents: Array<Record<string, unknown> & { id: string }>
  actors: Array<{ id: string, name: string, kind: string, aliases?: string[], description?: string }>
  affiliations: Array<{ actor: string, organisation: string, type: string, role?: string, since?: string, until?: string }>
  topics: Array<{ id: string, name: string }>
  statements: SeedStatement[]
}

/** A fresh copy of the article's seed data (tests may change it). */
export function article (): Article {
  return JSON.parse(articleJson) as Article
}

/** The article's seed file with the text inlined: the form the import API can take as JSON. */
export function articleWithInlineText (): Article & { $schema?: string } {
  const data = JSON.parse(articleJson) as Article & { $schema?: string }
  for (const d of data.documents) {
    if (typeof d.textFile === 'string') {
      d.text = readFileSync(join(seedDir, d.textFile), 'utf8')
      delete d.textFile
    }
  }
  return data
}

/** A statement of the article without its id: a valid PUT/POST body. */
export function statementBody (id: string, changes: Partial<SeedStatement> = {}): Omit<SeedStatement, 'id'> {
  const s = article().statements.find((x) => x.id === id)
  if (!s) throw new Error(`no statement ${id}`)
  const { id: _id, ...body } = s
  return { ...body, ...changes }
}

/** Code points [start, end) of a text: evidence offsets count code points. */
export const cps = (text: string) => Array.from(text)

/** A valid evidence object for the span of `text` (in the article) starting at `phrase`. */
export function evidenceFor (phrase: string, length = phrase.length) {
  const all = cps(articleText)
  const at = articleText.indexOf(phrase)
  if (at < 0) throw new Error(`phrase not in the article: ${phrase}`)
  const start = cps(articleText.slice(0, at)).length
  const end = start + cps(phrase.slice(0, length)).length
  return {
    start,
    end,
    text: all.slice(start, end).join(''),
    before: all.slice(Math.max(0, start - 32), start).join(''),
    after: all.slice(end, end + 32).join(''),
  }
}

// ---------- requests ----------

type Body = Record<string, unknown> | unknown[] | string

export interface Req {
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE' | 'HEAD'
  url: string
  /** the API key to present; null or omitted: none */
  key?: string | null | undefined
  body?: Body | undefined
  headers?: Record<string, string> | undefined
}

export function send (app: FastifyInstance, r: Req): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(r.key ? auth(r.key) : {}), ...(r.headers ?? {}) }
  if (r.body !== undefined && typeof r.body !== 'string') {
    return app.inject({ method: r.method, url: r.url, headers, payload: r.body as Record<string, unknown> })
  }
  return app.inject({ method: r.method, url: r.url, headers, ...(r.body !== undefined ? { payload: r.body } : {}) })
}

export const get = (app: FastifyInstance, url: string, key: string | null = null, headers?: Record<string, string>) =>
  send(app, { method: 'GET', url, key, headers })
export const put = (app: FastifyInstance, url: string, body: Body, key: string | null = KEYS.editor, headers?: Record<string, string>) =>
  send(app, { method: 'PUT', url, body, key, headers })
export const post = (app: FastifyInstance, url: string, body: Body, key: string | null = KEYS.editor, headers?: Record<string, string>) =>
  send(app, { method: 'POST', url, body, key, headers })
export const del = (app: FastifyInstance, url: string, key: string | null = KEYS.editor) =>
  send(app, { method: 'DELETE', url, key })
export const patch = (app: FastifyInstance, url: string, body: Body, key: string | null = KEYS.editor, headers: Record<string, string> = {}) =>
  send(app, {
    method: 'PATCH',
    url,
    key,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/merge-patch+json', ...headers },
  })

/** GET that must answer 200; the JSON body. */
export async function getOk<T = any> (app: FastifyInstance, url: string, key: string | null = null): Promise<T> {
  const res = await get(app, url, key)
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`)
  return res.json() as T
}

export interface Stats { nodes: Record<string, number>, relationships: Record<string, number> }
export const stats = (app: FastifyInstance) => getOk<Stats>(app, '/v1/stats')

/**
 * Every label and relationship type in the whole database with its count (not only those
 * /v1/stats reports: idempotency keys, deletions and redirects too), keyed `:Label` / `[TYPE]`.
 */
export async function dbCounts (app: FastifyInstance): Promise<Record<string, number>> {
  const nodes = await app.db.read('MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c')
  const rels = await app.db.read('MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c')
  const out: Record<string, number> = {}
  for (const r of nodes) out[`:${String(r.l)}`] = Number(r.c)
  for (const r of rels) out[`[${String(r.t)}]`] = Number(r.c)
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)))
}

/** Number of nodes with this label and id. */
export async function countNodes (app: FastifyInstance, label: 'Actor' | 'Statement' | 'Document' | 'Topic', id: string): Promise<number> {
  const [row] = await app.db.read(`MATCH (n:${label} {id: $id}) RETURN count(n) AS c`, { id })
  return Number(row?.c ?? 0)
}

// ---------- problems ----------

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  requestId?: string
  errors?: Array<{ name: string, reason: string }>
  [key: string]: unknown
}

/** An RFC 9457 answer with this status and problem type slug; its body. */
export function expectProblem (res: LightMyRequestResponse, status: number, slug?: string): ProblemBody {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.json() as ProblemBody
  if (slug) expect(body.type).toBe(`urn:whosaid:problem:${slug}`)
  expect(body.status).toBe(status)
  expect(body.title.length).toBeGreaterThan(0)
  expect(body.detail.length).toBeGreaterThan(0)
  return body
}

/** The names of the fields a 400/422 problem lists. */
export function fieldNames (body: ProblemBody): string[] {
  return (body.errors ?? []).map((e) => e.name)
}

// ---------- the graph a seed describes ----------

const LINK_RELS: Record<string, string> = { 'responds-to': 'RESPONDS_TO', contradicts: 'CONTRADICTS', supports: 'SUPPORTS', repeats: 'REPEATS' }

/** What GET /v1/stats must answer for a graph holding exactly this seed data. */
export function expectedStats (data: Article, redirects = 0): Stats {
  const rel: Record<string, number> = {
    SAID: 0,
    ABOUT: 0,
    ON_TOPIC: 0,
    REPORTED_IN: 0,
    ORIGINALLY_IN: 0,
    RESPONDS_TO: 0,
    CONTRADICTS: 0,
    SUPPORTS: 0,
    REPEATS: 0,
    AFFILIATED_WITH: data.affiliations.length,
    PUBLISHED_BY: 0,
    AUTHORED_BY: 0,
    ADDRESSED_TO: 0,
  }
  for (const s of data.statements) {
    rel.SAID! += s.speakers.length
    rel.ABOUT! += s.targets.length
    rel.ON_TOPIC! += s.topics.length
    rel.REPORTED_IN! += 1
    if (s.originalDocument) rel.ORIGINALLY_IN! += 1
    for (const l of s.links ?? []) rel[LINK_RELS[l.type]!]! += 1
  }
  for (const d of data.documents) {
    if (d.publisher) rel.PUBLISHED_BY! += 1
    rel.AUTHORED_BY! += (d.authors as string[] | undefined)?.length ?? 0
    rel.ADDRESSED_TO! += (d.addressees as string[] | undefined)?.length ?? 0
  }
  return {
    nodes: { Actor: data.actors.length, ActorRedirect: redirects, Statement: data.statements.length, Document: data.documents.length, Topic: data.topics.length },
    relationships: rel,
  }
}

/** The seed data without these statements (and the links that pointed at them). */
export function withoutStatements (data: Article, ids: string[]): Article {
  const gone = new Set(ids)
  return {
    ...data,
    statements: data.statements.filter((s) => !gone.has(s.id))
      .map((s) => ({ ...s, links: (s.links ?? []).filter((l) => !gone.has(l.statement)) })),
  }
}

/** The seed data without this actor: everything that referenced it unlinked. */
export function withoutActor (data: Article, id: string): Article {
  const without = (list: unknown): string[] | undefined => (list as string[] | undefined)?.filter((x) => x !== id)
  return {
    ...data,
    actors: data.actors.filter((a) => a.id !== id),
    affiliations: data.affiliations.filter((a) => a.actor !== id && a.organisation !== id),
    documents: data.documents.map((d) => ({
      ...d,
      publisher: d.publisher === id ? undefined : d.publisher,
      authors: without(d.authors),
      addressees: without(d.addressees),
    })),
    statements: data.statements.map((s) => ({
      ...s,
      speakers: s.speakers.filter((sp) => sp.actor !== id),
      targets: s.targets.filter((t) => t.actor !== id),
    })),
  }
}

/**
 * A rejected body: 400 (its JSON Schema) or 422 (the seed validator's semantic checks). Used
 * where the contract does not fix which of the two; its body.
 */
export function expectRejectedBody (res: LightMyRequestResponse): ProblemBody {
  expect([400, 422], res.body).toContain(res.statusCode)
  return expectProblem(res, res.statusCode, res.statusCode === 400 ? 'invalid-parameters' : 'unprocessable')
}
