// Shared by the read-API suites: an app against the test Neo4j holding exactly the article's
// graph, the article's JSON (to compute expectations from the data, not from the API), and a
// few helpers for requests, pages and problem answers.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildTestApp } from '../../helpers.js'
import { seedArticle } from '../../support/fixtures.js'
import { projectRoot } from '../../../src/lib/paths.js'

// ---------- the article's data, as written in graph-seed/ ----------

export type Stance = 'critical' | 'supportive' | 'neutral'

export interface SeedActor { id: string, name: string, kind: 'person' | 'organisation' | 'group', aliases?: string[], description?: string }
export interface SeedAffiliation { actor: string, organisation: string, type: string, role?: string, since?: string, until?: string }
export interface SeedTopic { id: string, name: string }
export interface SeedDocument {
  id: string,
  title: string,
  kind: string,
  date?: string,
  datePrecision?: string,
  url?: string
  publisher?: string,
  authors?: string[],
  addressees?: string[],
  textFile?: string,
  text?: string,
  note?: string
}
export interface SeedStatement {
  id: string
  speakers: Array<{ actor: string, role?: string }>
  attribution: 'direct-quote' | 'paraphrase' | 'according-to'
  verb: string
  text: string
  date?: string
  datePrecision: string
  targets: Array<{ actor: string, stance: Stance }>
  topics: string[]
  reportedIn: { document: string, evidence: { start: number, end: number, text: string, before: string, after: string } }
  originalDocument?: string
  links?: Array<{ type: string, statement: string }>
  note?: string
}
export interface ArticleData {
  documents: SeedDocument[]
  actors: SeedActor[]
  affiliations: SeedAffiliation[]
  topics: SeedTopic[]
  statements: SeedStatement[]
}

export const ARTICLE_ID = 'tiktok-on-defense-2022'
const seedDir = join(projectRoot(), 'graph-seed')

export const article: ArticleData = JSON.parse(readFileSync(join(seedDir, `${ARTICLE_ID}.json`), 'utf8')) as ArticleData
export const articleText: string = readFileSync(join(seedDir, 'documents', `${ARTICLE_ID}.txt`), 'utf8')

export function actor (id: string): SeedActor {
  const found = article.actors.find((a) => a.id === id)
  if (!found) throw new Error(`no actor ${id} in the article data`)
  return found
}

export function statement (id: string): SeedStatement {
  const found = article.statements.find((s) => s.id === id)
  if (!found) throw new Error(`no statement ${id} in the article data`)
  return found
}

export function documentOf (id: string): SeedDocument {
  const found = article.documents.find((d) => d.id === id)
  if (!found) throw new Error(`no document ${id} in the article data`)
  return found
}

/** First and last day a seed date (YYYY, YYYY-MM, YYYY-MM-DD) can mean; null for no date. */
export function dayRange (date: string | undefined): [string, string] | null {
  if (!date) return null
  if (/^\d{4}$/.test(date)) return [`${date}-01-01`, `${date}-12-31`]
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [y, m] = date.split('-').map(Number) as [number, number]
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    return [`${date}-01`, `${date}-${String(last).padStart(2, '0')}`]
  }
  return [date, date]
}

/** Whether a statement's date range overlaps [since, until] (each given as the API takes them). */
export function inPeriod (s: SeedStatement, since?: string, until?: string): boolean {
  const range = dayRange(s.date)
  const from = since ? dayRange(since)![0] : null
  const to = until ? dayRange(until)![1] : null
  if (!from && !to) return true
  if (!range) return false
  return (!from || range[1] >= from) && (!to || range[0] <= to)
}

/** The statement ids matching a predicate, sorted (compare as sets). */
export function idsWhere (predicate: (s: SeedStatement) => boolean): string[] {
  return article.statements.filter(predicate).map((s) => s.id).sort()
}

export const saidBy = (s: SeedStatement, ids: string[]) => s.speakers.some((sp) => ids.includes(sp.actor))
export const about = (s: SeedStatement, ids: string[]) => s.targets.some((t) => ids.includes(t.actor))
export const stanceTowards = (s: SeedStatement, targetId: string): Stance | undefined => s.targets.find((t) => t.actor === targetId)?.stance

/** The actors with an affiliation pointing at `id` (members, officers, parents...), and `id` itself. */
export function withAffiliates (id: string): string[] {
  return [id, ...article.affiliations.filter((a) => a.organisation === id).map((a) => a.actor)]
}

/** Newest first, unknown dates last, id descending to break ties: the API's documented order. */
export function newestFirst (ids: string[]): string[] {
  const key = (id: string) => dayRange(statement(id).date)?.[0] ?? ''
  return [...ids].sort((a, b) => key(b).localeCompare(key(a)) || b.localeCompare(a))
}

/** The text of a seed document (from textFile or text), or null when it has none. */
export function documentText (id: string): string | null {
  const d = documentOf(id)
  if (d.text !== undefined) return d.text
  return d.textFile ? readFileSync(join(seedDir, d.textFile), 'utf8') : null
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** Code points [start, end) of a text: evidence offsets count code points. */
export const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('')

export const actorRef = (id: string) => {
  const a = actor(id)
  return { id: a.id, name: a.name, kind: a.kind }
}

export const documentRef = (id: string) => {
  const d = documentOf(id)
  return { id: d.id, title: d.title, kind: d.kind, date: d.date ?? null, datePrecision: d.datePrecision, url: d.url ?? null }
}

export interface ApiLink { type: string, direction: 'outgoing' | 'incoming', statement: { id: string, text: string } }

/** The links of a statement, both directions, as the API names them. */
export function expectedLinks (id: string): ApiLink[] {
  const s = statement(id)
  return [
    ...(s.links ?? []).map((l) => ({ type: l.type, direction: 'outgoing' as const, statement: { id: l.statement, text: statement(l.statement).text } })),
    ...article.statements.flatMap((o) => (o.links ?? []).filter((l) => l.statement === id)
      .map((l) => ({ type: l.type, direction: 'incoming' as const, statement: { id: o.id, text: o.text } }))),
  ]
}

/** What the API must answer for a statement, computed from the seed alone. */
export function expectedStatement (id: string) {
  const s = statement(id)
  const text = documentText(s.reportedIn.document)
  return {
    id: s.id,
    attribution: s.attribution,
    verb: s.verb,
    text: s.text,
    date: s.date ?? null,
    datePrecision: s.datePrecision,
    note: s.note ?? null,
    speakers: s.speakers.map((sp) => ({ ...actorRef(sp.actor), role: sp.role ?? null })),
    targets: s.targets.map((t) => ({ ...actorRef(t.actor), stance: t.stance })),
    topics: s.topics.map((t) => {
      const topic = article.topics.find((x) => x.id === t)!
      return { id: topic.id, name: topic.name }
    }),
    reportedIn: {
      document: documentRef(s.reportedIn.document),
      evidence: { ...s.reportedIn.evidence, documentHash: text === null ? null : sha256(text) },
    },
    originalDocument: s.originalDocument ? documentRef(s.originalDocument) : null,
    links: expectedLinks(s.id),
  }
}

/** Lists whose order the API does not promise, sorted, so two statements compare as values. */
export function canonicalStatement<T extends { targets: Array<{ id: string }>, topics: Array<{ id: string }>, links: ApiLink[] }> (s: T): T {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)
  const linkKey = (l: ApiLink) => `${l.statement.id} ${l.type} ${l.direction}`
  return {
    ...s,
    targets: [...s.targets].sort(byId),
    topics: [...s.topics].sort(byId),
    links: [...s.links].sort((a, b) => linkKey(a).localeCompare(linkKey(b))),
  }
}

// ---------- full-text matching, as the API documents it ----------

/** Words of a text as Lucene's standard tokenizer sees them (apostrophes inside a word kept). */
export function words (text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}'’]+/u).map((w) => w.replace(/^['’]+|['’]+$/g, '')).filter((w) => w.length > 0)
}

/** Every word of `q` must match a word of the fields; the last one also as a prefix (2+ letters). */
export function textMatches (fields: Array<string | undefined>, q: string): boolean {
  const terms = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0)
  const tokens = fields.flatMap((f) => (f ? words(f) : []))
  if (terms.length === 0) return false
  return terms.every((t, i) => i === terms.length - 1 && t.length >= 2
    ? tokens.some((w) => w.startsWith(t))
    : tokens.includes(t))
}

// ---------- the article's graph: nodes and relationships as the writer creates them ----------

export type NodeLabel = 'Actor' | 'Statement' | 'Document' | 'Topic'
export interface GraphEdge { source: string, target: string, type: string, stance?: Stance, role?: string }

export const LINK_TYPES: Record<string, string> = {
  'responds-to': 'RESPONDS_TO', contradicts: 'CONTRADICTS', supports: 'SUPPORTS', repeats: 'REPEATS',
}

/** Every node id with its label. */
export function graphNodes (): Map<string, NodeLabel> {
  const nodes = new Map<string, NodeLabel>()
  for (const a of article.actors) nodes.set(a.id, 'Actor')
  for (const s of article.statements) nodes.set(s.id, 'Statement')
  for (const d of article.documents) nodes.set(d.id, 'Document')
  for (const t of article.topics) nodes.set(t.id, 'Topic')
  return nodes
}

/** Every relationship the article's graph holds, in its stored direction. */
export function graphEdges (): GraphEdge[] {
  const edges: GraphEdge[] = []
  for (const s of article.statements) {
    for (const sp of s.speakers) edges.push({ source: sp.actor, target: s.id, type: 'SAID', ...(sp.role ? { role: sp.role } : {}) })
    for (const t of s.targets) edges.push({ source: s.id, target: t.actor, type: 'ABOUT', stance: t.stance })
    for (const t of s.topics) edges.push({ source: s.id, target: t, type: 'ON_TOPIC' })
    edges.push({ source: s.id, target: s.reportedIn.document, type: 'REPORTED_IN' })
    if (s.originalDocument) edges.push({ source: s.id, target: s.originalDocument, type: 'ORIGINALLY_IN' })
    for (const l of s.links ?? []) edges.push({ source: s.id, target: l.statement, type: LINK_TYPES[l.type]! })
  }
  for (const a of article.affiliations) edges.push({ source: a.actor, target: a.organisation, type: 'AFFILIATED_WITH', ...(a.role ? { role: a.role } : {}) })
  for (const d of article.documents) {
    if (d.publisher) edges.push({ source: d.id, target: d.publisher, type: 'PUBLISHED_BY' })
    for (const a of d.authors ?? []) edges.push({ source: d.id, target: a, type: 'AUTHORED_BY' })
    for (const a of d.addressees ?? []) edges.push({ source: d.id, target: a, type: 'ADDRESSED_TO' })
  }
  return edges
}

/** Undirected adjacency over the given relationship types (all when none are given). */
export function adjacency (types?: string[]): Map<string, Set<string>> {
  const adj = new Map<string, Set<string>>()
  const add = (a: string, b: string) => {
    if (!adj.has(a)) adj.set(a, new Set())
    adj.get(a)!.add(b)
  }
  for (const e of graphEdges()) {
    if (types && !types.includes(e.type)) continue
    add(e.source, e.target)
    add(e.target, e.source)
  }
  return adj
}

/** Breadth-first distances from `start`, up to `depth` steps. */
export function distances (start: string, depth: number, types?: string[]): Map<string, number> {
  const adj = adjacency(types)
  const dist = new Map<string, number>([[start, 0]])
  let frontier = [start]
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const next: string[] = []
    for (const n of frontier) {
      for (const m of adj.get(n) ?? []) {
        if (!dist.has(m)) {
          dist.set(m, d)
          next.push(m)
        }
      }
    }
    frontier = next
  }
  return dist
}

/**
 * Every shortest path between two nodes over the given relationship types, as Neo4j counts
 * them: two paths through the same nodes over different relationships are two paths. Each is
 * written `a -TYPE- b -TYPE- c`.
 */
export function allShortestPaths (from: string, to: string, types: string[], maxHops: number): string[] {
  const fromStart = distances(from, maxHops, types)
  const total = fromStart.get(to)
  if (total === undefined || from === to) return []
  const toEnd = distances(to, maxHops, types)
  const steps = new Map<string, Array<{ type: string, other: string }>>()
  for (const e of graphEdges()) {
    if (!types.includes(e.type)) continue
    steps.set(e.source, [...(steps.get(e.source) ?? []), { type: e.type, other: e.target }])
    steps.set(e.target, [...(steps.get(e.target) ?? []), { type: e.type, other: e.source }])
  }
  const out: string[] = []
  const walk = (node: string, hops: number, text: string) => {
    if (node === to) {
      out.push(text)
      return
    }
    for (const step of steps.get(node) ?? []) {
      if (fromStart.get(step.other) === hops + 1 && toEnd.get(step.other) === total - hops - 1) walk(step.other, hops + 1, `${text} -${step.type}- ${step.other}`)
    }
  }
  walk(from, 0, from)
  return out
}

/** A path of the API written as allShortestPaths writes it. */
export function pathText (path: { steps: Array<{ from: { id: string }, to: { id: string }, type: string }> }): string {
  return [path.steps[0]?.from.id, ...path.steps.map((s) => `-${s.type}- ${s.to.id}`)].join(' ')
}

// ---------- the app and the seeded graph ----------

/**
 * Builds the app and replaces whatever the test Neo4j holds with the article's graph.
 * The transaction timeout is raised because the first write on a freshly started instance
 * (cold JVM, empty query cache) can take longer than the default 10 s.
 */
export async function seededApp (): Promise<FastifyInstance> {
  const app = await buildTestApp({ NEO4J_QUERY_TIMEOUT_MS: '120000' })
  try {
    await seedArticle(app.db)
  } catch (err) {
    await app.close()
    throw err
  }
  return app
}

// ---------- requests ----------

/** GET a path; the body parsed as JSON when there is one. */
export async function get (app: FastifyInstance, url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers })
}

/** GET that must answer 200; returns the JSON body. */
export async function getOk<T = any> (app: FastifyInstance, url: string): Promise<T> {
  const res = await get(app, url)
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`)
  return res.json() as T
}

/** Ids of the items of one page (limit=100 unless the url sets it). */
export async function itemIds (app: FastifyInstance, url: string): Promise<string[]> {
  const body = await getOk<{ items: Array<{ id: string }>, next: string | null }>(app, url)
  return body.items.map((i) => i.id)
}

/** Adds query parameters to a url that may already have some. */
export function withQuery (url: string, params: Record<string, string | number>): string {
  const u = new URL(url, 'http://x')
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v))
  return u.pathname + u.search
}

export interface WalkedPage<T> { items: T[], next: string | null, link: string | undefined }

/**
 * Follows `next` from the first page to the last, checking on every page that the Link header
 * has rel="next" exactly when `next` is set (and points at that cursor). Returns every page.
 */
export async function walkPages<T> (app: FastifyInstance, url: string, itemsOf: (body: any) => T[] = (b) => b.items): Promise<Array<WalkedPage<T>>> {
  const pages: Array<WalkedPage<T>> = []
  let cursor: string | null = null
  for (let i = 0; i < 500; i++) {
    const pageUrl: string = cursor === null ? url : withQuery(url, { cursor })
    const res = await get(app, pageUrl)
    expect(res.statusCode, `GET ${pageUrl}: ${res.body}`).toBe(200)
    const body = res.json() as { next: string | null }
    const link = res.headers.link as string | undefined
    if (body.next === null) {
      expect(link, `GET ${pageUrl} is the last page and must not have a Link rel="next"`).toBeUndefined()
    } else {
      expect(typeof body.next).toBe('string')
      expect(link, `GET ${pageUrl} has a next page and must say so in Link`).toBeDefined()
      const match = /^<([^>]+)>; rel="next"$/.exec(link!)
      expect(match, `Link header ${link}`).not.toBeNull()
      const target = new URL(match![1]!, 'http://x')
      expect(target.pathname).toBe(new URL(url, 'http://x').pathname)
      expect(target.searchParams.get('cursor')).toBe(body.next)
    }
    pages.push({ items: itemsOf(body), next: body.next, link })
    if (body.next === null) return pages
    cursor = body.next
  }
  throw new Error(`GET ${url}: more than 500 pages`)
}

// ---------- problems ----------

export interface ProblemBody {
  type: string,
  title: string,
  status: number,
  detail: string,
  instance: string,
  requestId?: string
  errors?: Array<{ name: string, reason: string }>
}

/** Checks an RFC 9457 answer and returns its body. */
export function expectProblem (res: LightMyRequestResponse, status: number, slug: string): ProblemBody {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.json() as ProblemBody
  expect(body.type).toBe(`urn:whosaid:problem:${slug}`)
  expect(body.status).toBe(status)
  expect(typeof body.title).toBe('string')
  expect(body.title.length).toBeGreaterThan(0)
  expect(typeof body.detail).toBe('string')
  expect(body.detail.length).toBeGreaterThan(0)
  expect(typeof body.instance).toBe('string')
  return body
}

/** A 400 invalid-parameters answer naming exactly these parameters (order free). */
export function expectBadParameters (res: LightMyRequestResponse, names: string[]): ProblemBody {
  const body = expectProblem(res, 400, 'invalid-parameters')
  expect(body.errors, res.body).toBeDefined()
  expect([...new Set(body.errors!.map((e) => e.name))].sort()).toEqual([...names].sort())
  for (const e of body.errors!) expect(e.reason.length).toBeGreaterThan(0)
  return body
}
