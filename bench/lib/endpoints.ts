// The read endpoints under test, each three ways: the API's URL; the floor, i.e. the very
// repository calls the route handler makes (same Cypher, same parameters) straight through
// neo4j-driver; and the peer, the same question through the Neo4j GraphQL Library, or the reason
// GraphQL cannot ask it equivalently.
import type { Repositories } from '../../src/plugins/app/repositories.js'
import { ActorsRepository } from '../../src/repositories/actors.js'
import { DocumentsRepository } from '../../src/repositories/documents.js'
import { GraphRepository } from '../../src/repositories/graph.js'
import { SearchRepository, type SearchType } from '../../src/repositories/search.js'
import { StatementsRepository } from '../../src/repositories/statements.js'
import { SEARCH_TYPES } from '../../src/schemas/api.js'
import { luceneQuery } from '../../src/lib/lucene.js'
import { newContext, requestContext } from '../../src/db/request-context.js'
import type { Db } from '../../src/db/db.js'
import { notFound } from '../../src/lib/errors.js'
import { countGraph } from '../../src/repositories/writer.js'
import { listChanges } from '../../src/repositories/edits.js'

export interface GraphqlQuery { query: string, variables: Record<string, unknown>, note: string }

export interface Endpoint {
  key: string
  title: string
  /** Path and query string of the API request. */
  path: string
  /** An index-anchored lookup (the 100k-to-1M growth target applies to these). */
  indexed: boolean
  /** What the route handler does, minus HTTP: the same repository calls in the same order. */
  driver: (repos: Repositories) => Promise<unknown>
  graphql: GraphqlQuery | { unsupported: string }
}

export function repositories (db: Db): Repositories {
  return {
    actors: new ActorsRepository(db),
    statements: new StatementsRepository(db),
    documents: new DocumentsRepository(db),
    graph: new GraphRepository(db),
    search: new SearchRepository(db),
  }
}

/** Runs `work` in a fresh request context, as every API request does (its own bookmark chain). */
export function inRequest<T> (work: () => Promise<T>): Promise<T> {
  return requestContext.run(newContext([]), work)
}

// The routes' 404 for a missing actor (synthetic ids are never merged, so no 308); the
// repositories check the actor in the same query as the read, as the routes use them.
function mustExist<T> (actor: unknown, id: string, value: T): T {
  if (!actor) throw notFound('actor', id)
  return value
}

// Everything the API's statement carries: speakers with role, targets with stance, topics, the
// reporting document with the evidence, the original document and the linked statements.
const STATEMENT_FIELDS = /* GraphQL */ `
fragment StatementFields on Statement {
  id attribution verb text date datePrecision note
  speakersConnection { edges { properties { role position } node { id name kind } } }
  targetsConnection { edges { properties { stance } node { id name kind } } }
  topics { id name }
  reportedInConnection { edges { properties { start end text before after documentHash } node { id title kind date datePrecision url } } }
  originalDocument { id title kind date datePrecision url }
  respondsTo { id text } contradicts { id text } supports { id text } repeats { id text }
  respondedToBy { id text } contradictedBy { id text } supportedBy { id text } repeatedBy { id text }
}`

const NEWEST_FIRST = '[{ node: { dateStart: DESC } }, { node: { id: DESC } }]'

export const GRAPHQL_ABOUT = STATEMENT_FIELDS + /* GraphQL */ `
query StatementsAbout($id: ID!, $first: Int!) {
  actors(where: { id: { eq: $id } }) {
    mentionedInConnection(first: $first, sort: ${NEWEST_FIRST}) {
      edges { properties { stance } node { ...StatementFields } }
    }
  }
}`

export const GRAPHQL_BY_SPEAKER = STATEMENT_FIELDS + /* GraphQL */ `
query StatementsBySpeaker($id: ID!, $first: Int!, $since: String!, $stance: String!) {
  actors(where: { id: { eq: $id } }) {
    saidConnection(
      first: $first,
      where: { node: { dateEnd: { gte: $since }, targetsConnection: { some: { edge: { stance: { eq: $stance } } } } } },
      sort: ${NEWEST_FIRST}
    ) {
      edges { properties { role position } node { ...StatementFields } }
    }
  }
}`

export const GRAPHQL_SEARCH = /* GraphQL */ `
query Search($phrase: String!, $first: Int!) {
  actorSearch(phrase: $phrase, first: $first) { edges { score node { id name aliases description } } }
  statementSearch(phrase: $phrase, first: $first) { edges { score node { id verb text speakers { name } } } }
  documentSearch(phrase: $phrase, first: $first) { edges { score node { id title } } }
}`

export interface EndpointIds { actor: string, other: string, word: string }

/** The seven read endpoints for one actor (and a second actor for the two-actor questions). */
export function endpoints ({ actor, other, word }: EndpointIds): Endpoint[] {
  const enc = encodeURIComponent
  const lucene = luceneQuery(word)
  return [
    {
      key: 'statements-about',
      title: 'statements about an actor',
      path: `/v1/statements?about=${enc(actor)}`,
      indexed: true,
      driver: (r) => r.statements.list({ about: [actor], includeAffiliates: false }, { limit: 20 }),
      graphql: {
        query: GRAPHQL_ABOUT,
        variables: { id: actor, first: 21 },
        note: 'actor by id, its ABOUT statements newest first (21, like the API\'s page + 1), each with speakers (role), targets (stance), topics, reporting document with evidence, original document and links',
      },
    },
    {
      key: 'statements-by-speaker',
      title: 'statements by a speaker, stance=critical, since=2020',
      path: `/v1/statements?speaker=${enc(actor)}&stance=critical&since=2020`,
      indexed: true,
      driver: (r) => r.statements.list({ speakers: [actor], stance: 'critical', since: '2020', includeAffiliates: false }, { limit: 20 }),
      graphql: {
        query: GRAPHQL_BY_SPEAKER,
        variables: { id: actor, first: 21, since: '2020-01-01', stance: 'critical' },
        note: 'actor by id, its SAID statements with dateEnd >= 2020-01-01 and a critical ABOUT, newest first, same statement fields',
      },
    },
    {
      key: 'who-said-what-about',
      title: 'who said what about an actor',
      path: `/v1/who-said-what-about/${enc(actor)}`,
      indexed: true,
      driver: async (r) => {
        const result = await r.actors.whoSaidWhatAbout(actor, { perSpeaker: 10, limit: 20 })
        return mustExist(result.about, actor, result)
      },
      graphql: { unsupported: 'grouping statements by speaker with per-group stance counts, ordered by group size, with the newest N per group, is an aggregation GraphQL selections cannot express (it would need a custom @cypher field, i.e. our own Cypher)' },
    },
    {
      // The same question with one statement per speaker, as issue 12 measured it: the hub's
      // answer and the mid actor's then hold about as many statements (20 against the mid
      // actor's speakers), so the ratio shows what the degree costs, apart from the answer's size.
      key: 'who-said-what-about-1',
      title: 'who said what about an actor, perSpeaker=1',
      path: `/v1/who-said-what-about/${enc(actor)}?perSpeaker=1`,
      indexed: true,
      driver: async (r) => {
        const result = await r.actors.whoSaidWhatAbout(actor, { perSpeaker: 1, limit: 20 })
        return mustExist(result.about, actor, result)
      },
      graphql: { unsupported: 'as who-said-what-about' },
    },
    {
      key: 'stance-matrix',
      title: 'stance matrix of two speakers',
      path: `/v1/stance-matrix?speakers=${enc(actor)},${enc(other)}`,
      indexed: true,
      driver: (r) => r.actors.stanceMatrix({ speakers: [actor, other] }, { limit: 20 }),
      graphql: { unsupported: 'per (speaker, target) pair counts by stance are a GROUP BY aggregation; the library\'s aggregate selections count one relationship field of one node, not pairs (it would need a custom @cypher field)' },
    },
    {
      key: 'neighbourhood',
      title: 'neighbourhood, depth 2',
      path: `/v1/graph/neighbourhood/${enc(actor)}?depth=2`,
      indexed: true,
      driver: (r) => r.graph.neighbourhood(actor, 2, 50),
      graphql: { unsupported: 'a breadth-first walk over every relationship type, both directions, de-duplicated and capped at 50 nodes overall, is not a fixed nested selection; a nested depth-2 query over a few types would return a different (and unbounded) answer' },
    },
    {
      key: 'search',
      title: 'full-text search',
      path: `/v1/search?q=${enc(word)}`,
      indexed: true,
      driver: (r) => r.search.search(word, [...SEARCH_TYPES] as SearchType[], 0, 20),
      graphql: {
        query: GRAPHQL_SEARCH,
        variables: { phrase: lucene, first: 21 },
        note: 'the three full-text indexes through @fulltext queries (21 hits each, like the API\'s fetch); the API merges them by score and highlights snippets, the GraphQL client would have to',
      },
    },
    {
      key: 'paths',
      title: 'paths between two actors',
      path: `/v1/paths?from=${enc(actor)}&to=${enc(other)}`,
      indexed: false,
      driver: async (r) => {
        const result = await r.graph.paths(actor, other, 4)
        return mustExist(result.from.actor && result.to.actor, actor, result)
      },
      graphql: { unsupported: 'shortest paths have no GraphQL selection (a custom @cypher field would be our own Cypher)' },
    },
  ]
}

/** A read endpoint that is PROFILEd but not load-tested: its route's repository calls. */
export interface ProfiledCall { key: string, title: string, path: string, call: (db: Db) => Promise<unknown> }

/**
 * The other read endpoints of /v1 (and their common filters), for the plans only: an endpoint
 * nobody load-tests is still a hot path when a client calls it.
 */
export function otherReadEndpoints (ids: { actor: string, word: string, topic: string | null, document: string | null, statement: string | null }): ProfiledCall[] {
  const enc = encodeURIComponent
  const list = (title: string, path: string, filter: Parameters<StatementsRepository['list']>[0]): ProfiledCall =>
    ({ key: path, title, path, call: (db) => repositories(db).statements.list({ includeAffiliates: false, ...filter }, { limit: 20 }) })
  const calls: ProfiledCall[] = [
    list('statements, no filter', '/v1/statements', {}),
    list('statements since a year', '/v1/statements?since=2024', { since: '2024' }),
    list('statements by attribution type', '/v1/statements?type=direct-quote', { type: 'direct-quote' }),
    list('statements by stance only', '/v1/statements?stance=critical', { stance: 'critical' }),
    list('statements by text', `/v1/statements?q=${enc(ids.word)}`, { q: ids.word }),
    list('statements about an actor, with affiliates', `/v1/statements?about=${enc(ids.actor)}&includeAffiliates=true`, { about: [ids.actor], includeAffiliates: true }),
    { key: '/v1/actors', title: 'actors, first page', path: '/v1/actors', call: (db) => repositories(db).actors.list({}, { limit: 20 }) },
    { key: '/v1/actors?kind=organisation', title: 'actors of a kind', path: '/v1/actors?kind=organisation', call: (db) => repositories(db).actors.list({ kind: 'organisation' }, { limit: 20 }) },
    { key: '/v1/actors?q=', title: 'actor name search', path: `/v1/actors?q=${enc(ids.word)}`, call: (db) => repositories(db).actors.list({ q: ids.word }, { limit: 20 }) },
    { key: '/v1/actors/:id', title: 'one actor', path: `/v1/actors/${enc(ids.actor)}`, call: (db) => repositories(db).actors.get(ids.actor) },
    {
      key: '/v1/actors/:id/statements',
      title: 'what an actor said',
      path: `/v1/actors/${enc(ids.actor)}/statements`,
      call: async (db) => {
        const result = await repositories(db).statements.list({ speakers: [ids.actor] }, { limit: 20 }, ids.actor)
        return mustExist(result.found, ids.actor, result)
      },
    },
    {
      key: '/v1/actors/:id/mentions',
      title: 'what was said about an actor',
      path: `/v1/actors/${enc(ids.actor)}/mentions`,
      call: async (db) => {
        const result = await repositories(db).statements.list({ about: [ids.actor] }, { limit: 20 }, ids.actor)
        return mustExist(result.found, ids.actor, result)
      },
    },
    { key: '/v1/stance-matrix', title: 'stance matrix, no filter', path: '/v1/stance-matrix', call: (db) => repositories(db).actors.stanceMatrix({}, { limit: 20 }) },
    { key: '/v1/stance-matrix?targets=', title: 'stance matrix by target', path: `/v1/stance-matrix?targets=${enc(ids.actor)}`, call: (db) => repositories(db).actors.stanceMatrix({ targets: [ids.actor] }, { limit: 20 }) },
    { key: '/v1/documents', title: 'documents, first page', path: '/v1/documents', call: (db) => repositories(db).documents.list({}, { limit: 20 }) },
    { key: '/v1/stats', title: 'counts', path: '/v1/stats', call: (db) => countGraph(db) },
    {
      key: '/v1/changes',
      title: 'changes in the last hour',
      path: '/v1/changes?since=<an hour ago>',
      call: (db) => listChanges(db, new Date(Date.now() - 3_600_000).toISOString(), { limit: 20 }),
    },
  ]
  if (ids.topic) calls.push(list('statements on a topic', `/v1/statements?topic=${enc(ids.topic)}`, { topics: [ids.topic] }))
  if (ids.document) {
    const document = ids.document
    calls.push(list('statements in a document', `/v1/statements?document=${enc(document)}`, { documents: [document] }))
    calls.push({ key: '/v1/documents/:id', title: 'one document', path: `/v1/documents/${enc(document)}`, call: (db) => repositories(db).documents.get(document, false) })
  }
  if (ids.statement) {
    const statement = ids.statement
    calls.push({ key: '/v1/statements/:id', title: 'one statement', path: `/v1/statements/${enc(statement)}`, call: (db) => repositories(db).statements.get(statement) })
  }
  return calls
}
