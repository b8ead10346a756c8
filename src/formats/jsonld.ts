// JSON-LD: statements, actors and documents as schema.org terms, evidence as W3C Web Annotation,
// provenance as PROV-O. Every node's @id is a stable URI under the API's base URL (the resource's
// own GET path), and whosaid's own terms live under urn:whosaid:vocab:, beside the problem types'
// urn:whosaid:problem:, so they do not change with the host a deployment answers on.
//
// Choices, each where schema.org offers several:
// - A direct quote is a schema:Quotation, a paraphrase or according-to a schema:Claim (both are
//   CreativeWorks). Its speakers are schema:author, as Google's ClaimReview markup names who
//   made a Claim; spokenByCharacter is meant for fictional characters and creator adds nothing.
//   PROV-O says the same with prov:wasAttributedTo, and the role at the time is ws:speakerRole.
// - The reporting document is schema:isPartOf and schema:appearance (and prov:wasDerivedFrom);
//   the original document, where known, is schema:firstAppearance and prov:wasQuotedFrom.
// - The evidence is an oa:Annotation whose body is the statement and whose target is the span of
//   the reporting document, located by a TextPositionSelector (code-point offsets, as the API
//   counts them) and a TextQuoteSelector (the exact text with 32 characters either side).
import type { ActorDetail, Statement } from '../schemas/api.js'
import { chunked, type ExportActor, type ExportAffiliation, type ExportSource, type ExportTopic } from './types.js'

export const JSONLD_CONTEXT = {
  '@version': 1.1,
  schema: 'https://schema.org/',
  prov: 'http://www.w3.org/ns/prov#',
  oa: 'http://www.w3.org/ns/oa#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  ws: 'urn:whosaid:vocab:',
  Quotation: 'schema:Quotation',
  Claim: 'schema:Claim',
  Person: 'schema:Person',
  Organization: 'schema:Organization',
  Group: 'ws:Group',
  Agent: 'prov:Agent',
  CreativeWork: 'schema:CreativeWork',
  NewsArticle: 'schema:NewsArticle',
  Report: 'schema:Report',
  BlogPosting: 'schema:BlogPosting',
  Message: 'schema:Message',
  DefinedTerm: 'schema:DefinedTerm',
  Affiliation: 'ws:Affiliation',
  SpeakerRole: 'ws:SpeakerRole',
  TargetStance: 'ws:TargetStance',
  Annotation: 'oa:Annotation',
  SpecificResource: 'oa:SpecificResource',
  TextPositionSelector: 'oa:TextPositionSelector',
  TextQuoteSelector: 'oa:TextQuoteSelector',
  name: 'schema:name',
  alternateName: 'schema:alternateName',
  description: 'schema:description',
  text: 'schema:text',
  url: { '@id': 'schema:url', '@type': '@id' },
  author: { '@id': 'schema:author', '@type': '@id' },
  about: { '@id': 'schema:about', '@type': '@id' },
  keywords: { '@id': 'schema:keywords', '@type': '@id' },
  isPartOf: { '@id': 'schema:isPartOf', '@type': '@id' },
  hasPart: { '@id': 'schema:hasPart', '@type': '@id' },
  appearance: { '@id': 'schema:appearance', '@type': '@id' },
  firstAppearance: { '@id': 'schema:firstAppearance', '@type': '@id' },
  publisher: { '@id': 'schema:publisher', '@type': '@id' },
  recipient: { '@id': 'schema:recipient', '@type': '@id' },
  dateCreated: 'schema:dateCreated',
  datePublished: 'schema:datePublished',
  startDate: 'schema:startDate',
  endDate: 'schema:endDate',
  roleName: 'schema:roleName',
  wasAttributedTo: { '@id': 'prov:wasAttributedTo', '@type': '@id' },
  wasDerivedFrom: { '@id': 'prov:wasDerivedFrom', '@type': '@id' },
  wasQuotedFrom: { '@id': 'prov:wasQuotedFrom', '@type': '@id' },
  evidence: { '@id': 'ws:evidence', '@type': '@id' },
  motivation: { '@id': 'oa:motivatedBy', '@type': '@vocab' },
  describing: 'oa:describing',
  body: { '@id': 'oa:hasBody', '@type': '@id' },
  target: { '@id': 'oa:hasTarget', '@type': '@id' },
  source: { '@id': 'oa:hasSource', '@type': '@id' },
  selector: { '@id': 'oa:hasSelector', '@type': '@id' },
  start: 'oa:start',
  end: 'oa:end',
  exact: 'oa:exact',
  prefix: 'oa:prefix',
  suffix: 'oa:suffix',
  kind: 'ws:kind',
  attribution: 'ws:attribution',
  verb: 'ws:reportingVerb',
  datePrecision: 'ws:datePrecision',
  note: 'ws:note',
  speakerRole: { '@id': 'ws:speakerRole', '@type': '@id' },
  targetStance: { '@id': 'ws:targetStance', '@type': '@id' },
  actor: { '@id': 'ws:actor', '@type': '@id' },
  stance: 'ws:stance',
  documentHash: 'ws:documentHash',
  textHash: 'ws:textHash',
  affiliationType: 'ws:affiliationType',
  member: { '@id': 'ws:member', '@type': '@id' },
  organisation: { '@id': 'ws:organisation', '@type': '@id' },
  statementsMade: 'ws:statementsMade',
  statementsAbout: 'ws:statementsAbout',
  statementsReported: 'ws:statementsReported',
  affiliations: { '@id': 'ws:affiliation', '@type': '@id' },
  respondsTo: { '@id': 'ws:respondsTo', '@type': '@id' },
  contradicts: { '@id': 'ws:contradicts', '@type': '@id' },
  supports: { '@id': 'ws:supports', '@type': '@id' },
  repeats: { '@id': 'ws:repeats', '@type': '@id' },
} as const

/** Where the served context lives, relative to the base URL. */
export const CONTEXT_PATH = '/v1/context.jsonld'

export type JsonLdNode = Record<string, unknown>

/** The URIs of whosaid's resources: their GET paths under the base URL (no trailing slash). */
export function uris (base: string) {
  const enc = encodeURIComponent
  return {
    context: `${base}${CONTEXT_PATH}`,
    actor: (id: string) => `${base}/v1/actors/${enc(id)}`,
    statement: (id: string) => `${base}/v1/statements/${enc(id)}`,
    document: (id: string) => `${base}/v1/documents/${enc(id)}`,
    topic: (id: string) => `${base}/v1/statements?topic=${enc(id)}`,
  }
}
type Uris = ReturnType<typeof uris>

const ACTOR_TYPES: Record<string, string> = { person: 'Person', organisation: 'Organization', group: 'Group' }
const DOCUMENT_TYPES: Record<string, string> = { 'news-article': 'NewsArticle', report: 'Report', 'blog-post': 'BlogPosting', letter: 'Message' }
const LINK_TERMS: Record<string, string> = { 'responds-to': 'respondsTo', contradicts: 'contradicts', supports: 'supports', repeats: 'repeats' }
const DATE_TYPES: Record<string, string> = { day: 'xsd:date', month: 'xsd:gYearMonth', year: 'xsd:gYear' }

/** A partial date as a typed literal: 2022 is an xsd:gYear, 2022-06 an xsd:gYearMonth. */
export function dateValue (date: string | null, precision: string): JsonLdNode | undefined {
  if (!date) return undefined
  return { '@value': date, '@type': DATE_TYPES[precision] ?? 'xsd:string' }
}

/** Drops undefined, null and empty-list values, so the graph holds no empty statements. */
function clean (node: JsonLdNode): JsonLdNode {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)))
}

function actorRef (u: Uris, a: { id: string, name: string, kind: string }): JsonLdNode {
  return { '@id': u.actor(a.id), '@type': [ACTOR_TYPES[a.kind] ?? 'Agent', 'Agent'], name: a.name }
}

function documentRef (u: Uris, d: { id: string, title: string, kind: string, date: string | null, datePrecision: string, url: string | null }): JsonLdNode {
  return clean({ '@id': u.document(d.id), '@type': DOCUMENT_TYPES[d.kind] ?? 'CreativeWork', name: d.title, kind: d.kind, datePublished: dateValue(d.date, d.datePrecision), url: d.url })
}

export function statementNode (u: Uris, s: Statement): JsonLdNode {
  const self = u.statement(s.id)
  const { document, evidence } = s.reportedIn
  const links: Record<string, string[]> = {}
  for (const l of s.links) {
    const term = LINK_TERMS[l.type]
    if (l.direction === 'outgoing' && term) (links[term] ??= []).push(u.statement(l.statement.id))
  }
  return clean({
    '@id': self,
    '@type': s.attribution === 'direct-quote' ? 'Quotation' : 'Claim',
    text: s.text,
    attribution: s.attribution,
    verb: s.verb,
    dateCreated: dateValue(s.date, s.datePrecision),
    datePrecision: s.datePrecision,
    note: s.note,
    author: s.speakers.map((sp) => actorRef(u, sp)),
    wasAttributedTo: s.speakers.map((sp) => u.actor(sp.id)),
    speakerRole: s.speakers.filter((sp) => sp.role).map((sp) => ({ '@type': 'SpeakerRole', actor: u.actor(sp.id), roleName: sp.role })),
    about: s.targets.map((t) => actorRef(u, t)),
    targetStance: s.targets.map((t) => ({ '@type': 'TargetStance', actor: u.actor(t.id), stance: t.stance })),
    keywords: s.topics.map((t) => ({ '@id': u.topic(t.id), '@type': 'DefinedTerm', name: t.name })),
    isPartOf: documentRef(u, document),
    appearance: u.document(document.id),
    wasDerivedFrom: u.document(document.id),
    firstAppearance: s.originalDocument ? documentRef(u, s.originalDocument) : undefined,
    wasQuotedFrom: s.originalDocument ? u.document(s.originalDocument.id) : undefined,
    evidence: clean({
      '@id': `${self}#evidence`,
      '@type': 'Annotation',
      motivation: 'describing',
      body: self,
      target: {
        '@type': 'SpecificResource',
        source: u.document(document.id),
        selector: [
          { '@type': 'TextPositionSelector', start: evidence.start, end: evidence.end },
          { '@type': 'TextQuoteSelector', exact: evidence.text, prefix: evidence.before, suffix: evidence.after },
        ],
      },
      documentHash: evidence.documentHash,
    }),
    ...links,
  })
}

export function actorDetailNode (u: Uris, a: ActorDetail): JsonLdNode {
  return clean({
    ...actorRef(u, a),
    alternateName: a.aliases,
    description: a.description,
    kind: a.kind,
    statementsMade: a.counts.statementsMade,
    statementsAbout: a.counts.statementsAbout,
    affiliations: a.affiliations.map((af) => {
      const [member, organisation] = af.direction === 'outgoing' ? [a.id, af.actor.id] : [af.actor.id, a.id]
      return affiliationNode(u, { actor: member, organisation, type: af.type, role: af.role, since: af.since, until: af.until })
    }),
  })
}

/** An affiliation points at both actors (ws:member, ws:organisation); an actor's view lists its own. */
export function affiliationNode (u: Uris, a: ExportAffiliation): JsonLdNode {
  return clean({
    '@id': `${u.actor(a.actor)}#${encodeURIComponent(a.type)}-${encodeURIComponent(a.organisation)}`,
    '@type': 'Affiliation',
    affiliationType: a.type,
    member: u.actor(a.actor),
    organisation: u.actor(a.organisation),
    roleName: a.role ?? undefined,
    startDate: a.since ?? undefined,
    endDate: a.until ?? undefined,
  })
}

export function exportActorNode (u: Uris, a: ExportActor): JsonLdNode {
  return clean({ ...actorRef(u, a), alternateName: a.aliases, description: a.description, kind: a.kind, statementsMade: a.said, statementsAbout: a.about })
}

export function topicNode (u: Uris, t: ExportTopic): JsonLdNode {
  return { '@id': u.topic(t.id), '@type': 'DefinedTerm', name: t.name }
}

type ActorLike = string | { id: string, name: string, kind: string }

/** What both an exported document and the API's document detail give. */
export interface DocumentInput {
  id: string
  title: string
  kind: string
  date: string | null
  datePrecision: string
  url: string | null
  note: string | null
  text?: string | null
  textHash?: string | null
  publisher: ActorLike | null
  authors: ActorLike[]
  addressees: ActorLike[]
  statements?: number
}

export function documentNode (u: Uris, d: DocumentInput, parts: JsonLdNode[] = []): JsonLdNode {
  const ref = (a: ActorLike) => typeof a === 'string' ? u.actor(a) : actorRef(u, a)
  return clean({
    ...documentRef(u, d),
    note: d.note,
    text: d.text,
    textHash: d.textHash,
    publisher: d.publisher ? ref(d.publisher) : undefined,
    author: d.authors.map(ref),
    recipient: d.addressees.map(ref),
    statementsReported: d.statements,
    hasPart: parts,
  })
}

/** One JSON-LD document of the whole export: an inline @context (readable offline) and an @graph. */
export async function * jsonldExport (source: ExportSource, base: string): AsyncGenerator<string> {
  const u = uris(base)
  yield `{"@context":${JSON.stringify(JSONLD_CONTEXT)},"@graph":[`
  let first = true
  const item = (node: JsonLdNode) => {
    const out = (first ? '\n' : ',\n') + JSON.stringify(node)
    first = false
    return out
  }
  for await (const batch of source.actors()) yield * chunked(batch, (a) => item(exportActorNode(u, a)))
  for await (const batch of source.topics()) yield * chunked(batch, (t) => item(topicNode(u, t)))
  for await (const batch of source.documents({ text: true })) yield * chunked(batch, (d) => item(documentNode(u, d)))
  for await (const batch of source.affiliations()) yield * chunked(batch, (a) => item(affiliationNode(u, a)))
  for await (const batch of source.statements()) yield * chunked(batch, (s) => item(statementNode(u, s)))
  yield '\n]}\n'
}
