// The graph-seed format: the curated data files under graph-seed/, and the body of
// POST /v1/import. One TypeBox value gives validation, the TypeScript types, and the JSON Schema
// editors use (graph-seed/schema/graph-seed.schema.json, written by `npm run seed:schema`).
import { FormatRegistry, Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox'

// TypeBox checks no string formats until they are registered; `uri` is the one the model uses.
if (!FormatRegistry.Has('uri')) {
  FormatRegistry.Set('uri', (value) => {
    try {
      return Boolean(new URL(value))
    } catch {
      return false
    }
  })
}

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$'
export const Slug = (description: string) =>
  Type.String({ pattern: SLUG_PATTERN, minLength: 1, maxLength: 120, description })

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> }

/** A union of string literals from an allow-list, so the list and the schema never drift. */
export function enumOf<const T extends readonly string[]> (values: T, description: string): TUnion<Literals<T>> {
  return Type.Union(values.map((v) => Type.Literal(v)), { description }) as unknown as TUnion<Literals<T>>
}

export const ACTOR_KINDS = ['person', 'organisation', 'group'] as const
export const DOCUMENT_KINDS = ['news-article', 'letter', 'report', 'blog-post', 'order', 'announcement', 'statement', 'other'] as const
export const DATE_PRECISIONS = ['day', 'month', 'year', 'unknown'] as const
export const AFFILIATION_TYPES = [
  'ceo-of', 'commissioner-of', 'parent-company-of', 'member-of', 'works-for', 'officer-of', 'part-of', 'leader-of', 'successor-of',
] as const
export const ATTRIBUTIONS = ['direct-quote', 'paraphrase', 'according-to'] as const
export const STANCES = ['critical', 'supportive', 'neutral'] as const
export const LINK_TYPES = ['responds-to', 'contradicts', 'supports', 'repeats'] as const

export const ActorKindSchema = enumOf(ACTOR_KINDS, 'what kind of actor')
export const DocumentKindSchema = enumOf(DOCUMENT_KINDS, 'what kind of document')
export const DatePrecisionSchema = enumOf(DATE_PRECISIONS, 'how precisely the date is known')
export const AffiliationTypeSchema = enumOf(AFFILIATION_TYPES, 'how the actor relates to the organisation')
export const AttributionSchema = enumOf(ATTRIBUTIONS, 'direct-quote: the source quotes the words; paraphrase: it restates them; according-to: it attributes a claim to the speaker')
export const StanceSchema = enumOf(STANCES, 'the statement\'s stance towards this target')
export const LinkTypeSchema = enumOf(LINK_TYPES, 'how this statement relates to the other')

export const PartialDateSchema = Type.String({
  pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$',
  description: 'YYYY, YYYY-MM or YYYY-MM-DD, matching datePrecision',
})

const Text = (description: string, maxLength = 10_000) => Type.String({ minLength: 1, maxLength, description })

export const SeedActorSchema = Type.Object({
  id: Slug('stable slug id, e.g. brendan-carr'),
  name: Text('display name', 300),
  kind: ActorKindSchema,
  aliases: Type.Optional(Type.Array(Text('another name the sources use', 300), { maxItems: 100 })),
  description: Type.Optional(Text('short description', 2_000)),
}, { additionalProperties: false })

export const SeedAffiliationSchema = Type.Object({
  actor: Slug('the member, employee, officer or parent (an actor id)'),
  organisation: Slug('the organisation, group or company it belongs to or leads (an actor id)'),
  type: AffiliationTypeSchema,
  role: Type.Optional(Text('the role in words, e.g. chief executive', 300)),
  since: Type.Optional(PartialDateSchema),
  until: Type.Optional(PartialDateSchema),
}, { additionalProperties: false })

export const SeedTopicSchema = Type.Object({
  id: Slug('topic id, e.g. us-user-data'),
  name: Text('topic name', 300),
}, { additionalProperties: false })

export const SeedDocumentSchema = Type.Object({
  id: Slug('document id'),
  title: Text('title', 1_000),
  kind: DocumentKindSchema,
  publisher: Type.Optional(Slug('the publishing actor id')),
  authors: Type.Optional(Type.Array(Slug('an author (actor id)'), { maxItems: 100 })),
  addressees: Type.Optional(Type.Array(Slug('an addressee (actor id)'), { maxItems: 100 })),
  date: Type.Optional(PartialDateSchema),
  datePrecision: DatePrecisionSchema,
  url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2_000, description: 'where the document is published' })),
  textFile: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'path of the full text, relative to this JSON file' })),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 2_000_000, description: 'the full text inline (instead of textFile)' })),
  note: Type.Optional(Text('editorial note, e.g. how a date was inferred')),
}, { additionalProperties: false })

/** Code points of context kept before and after every evidence span (`before` / `after`). */
export const EVIDENCE_CONTEXT = 32

export const EvidenceSchema = Type.Object({
  start: Type.Integer({ minimum: 0, description: 'first code point of the span in the document text' }),
  end: Type.Integer({ minimum: 0, description: 'code point after the span' }),
  text: Text('the document text between start and end, exactly', 20_000),
  before: Type.String({ maxLength: 2 * EVIDENCE_CONTEXT, description: `up to ${EVIDENCE_CONTEXT} characters just before the span` }),
  after: Type.String({ maxLength: 2 * EVIDENCE_CONTEXT, description: `up to ${EVIDENCE_CONTEXT} characters just after the span` }),
}, { additionalProperties: false })

export const SeedStatementSchema = Type.Object({
  id: Slug('statement id'),
  speakers: Type.Array(Type.Object({
    actor: Slug('the speaker (an actor id)'),
    role: Type.Optional(Text('the speaker\'s role at the time, e.g. FCC commissioner', 300)),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
  attribution: AttributionSchema,
  verb: Text('the reporting verb: said, wrote, argued, urged, acknowledged, announced, ordered...', 60),
  text: Text('the verbatim words for a direct quote; a faithful paraphrase otherwise', 20_000),
  date: Type.Optional(PartialDateSchema),
  datePrecision: DatePrecisionSchema,
  targets: Type.Optional(Type.Array(Type.Object({
    actor: Slug('an actor the statement is about'),
    stance: StanceSchema,
  }, { additionalProperties: false }), { maxItems: 100 })),
  topics: Type.Optional(Type.Array(Slug('a topic id'), { maxItems: 50 })),
  reportedIn: Type.Object({
    document: Slug('the document that reports the statement'),
    evidence: EvidenceSchema,
  }, { additionalProperties: false }),
  originalDocument: Type.Optional(Slug('where the statement was first made, when the source says so')),
  links: Type.Optional(Type.Array(Type.Object({
    type: LinkTypeSchema,
    statement: Slug('the other statement'),
  }, { additionalProperties: false }), { maxItems: 100 })),
  note: Type.Optional(Text('editorial note')),
}, { additionalProperties: false })

export const SeedFileSchema = Type.Object({
  $schema: Type.Optional(Type.String()),
  documents: Type.Optional(Type.Array(SeedDocumentSchema)),
  actors: Type.Optional(Type.Array(SeedActorSchema)),
  affiliations: Type.Optional(Type.Array(SeedAffiliationSchema)),
  topics: Type.Optional(Type.Array(SeedTopicSchema)),
  statements: Type.Optional(Type.Array(SeedStatementSchema)),
}, {
  additionalProperties: false,
  title: 'whosaid graph-seed file',
  description: 'Actors, documents, topics and statements with their evidence, loaded by `npm run seed` and POST /v1/import.',
})

export type SeedActor = Static<typeof SeedActorSchema>
export type SeedAffiliation = Static<typeof SeedAffiliationSchema>
export type SeedTopic = Static<typeof SeedTopicSchema>
export type SeedDocument = Static<typeof SeedDocumentSchema>
export type SeedStatement = Static<typeof SeedStatementSchema>
export type SeedFile = Static<typeof SeedFileSchema>
export type Evidence = Static<typeof EvidenceSchema>
