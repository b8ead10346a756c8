// Response and query schemas of the read API. Fastify serialises every response with these, so
// nothing leaves the API that they do not describe; the TypeScript types come from Static<>.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import {
  ActorKindSchema, AffiliationTypeSchema, AttributionSchema, DatePrecisionSchema, DocumentKindSchema,
  LinkTypeSchema, SLUG_PATTERN, StanceSchema, enumOf,
} from '../domain/seed-model.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

// ---------- query parameters ----------

export const MAX_LIMIT = 100
export const MAX_IDS = 50

export const IdParam = Type.String({ pattern: SLUG_PATTERN, maxLength: 120, description: 'a slug id, e.g. brendan-carr' })
export const IdParamsSchema = Type.Object({ id: IdParam })

/** For operations that take no query parameters: an unknown one is a 400, not ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false })

const DateParam = (description: string) => Type.String({
  pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$',
  description: `${description} (YYYY, YYYY-MM or YYYY-MM-DD)`,
})

/** A comma-separated list of ids (`speaker=fcc,brendan-carr`), also accepted as repeated parameters. */
export const IdListParam = (description: string) => Type.String({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*(,[a-z0-9]+(?:-[a-z0-9]+)*)*$',
  maxLength: MAX_IDS * 121,
  description: `${description}: one or more ids separated by commas (at most ${MAX_IDS})`,
})

export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 20, description: `page size, 1 to ${MAX_LIMIT}` }),
  cursor: Type.String({ maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: 'opaque cursor from the `next` field of the previous page' }),
}

export const StatementFilterQuery = {
  topic: IdListParam('only statements on these topics'),
  stance: StanceSchema,
  since: DateParam('only statements made on or after this date'),
  until: DateParam('only statements made on or before this date'),
}

// ---------- shared shapes ----------

export const ActorRefSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: ActorKindSchema,
}, { $id: 'ActorRef', description: 'an actor, in short' })

// What every view of a document starts with.
const DOCUMENT_FIELDS = {
  id: Type.String(),
  title: Type.String(),
  kind: DocumentKindSchema,
  date: Nullable(Type.String()),
  datePrecision: DatePrecisionSchema,
  url: Nullable(Type.String()),
}

export const DocumentRefSchema = Type.Object({
  ...DOCUMENT_FIELDS,
}, { $id: 'DocumentRef', description: 'a document, in short' })

export const EvidenceSchema = Type.Object({
  start: Type.Integer({ description: 'first code point of the span in the document text' }),
  end: Type.Integer({ description: 'code point after the span' }),
  text: Type.String({ description: 'the exact text of the span' }),
  before: Type.String({ description: 'up to 32 characters before the span' }),
  after: Type.String({ description: 'up to 32 characters after the span' }),
  documentHash: Nullable(Type.String({ description: 'sha256 of the document text the offsets refer to' })),
}, { $id: 'Evidence' })

export const StatementSchema = Type.Object({
  id: Type.String(),
  attribution: AttributionSchema,
  verb: Type.String({ description: 'the reporting verb' }),
  text: Type.String({ description: 'verbatim words for a direct quote; a faithful paraphrase otherwise' }),
  date: Nullable(Type.String()),
  datePrecision: DatePrecisionSchema,
  note: Nullable(Type.String()),
  speakers: Type.Array(Type.Object({
    id: Type.String(),
    name: Type.String(),
    kind: ActorKindSchema,
    role: Nullable(Type.String({ description: 'the speaker\'s role at the time' })),
  })),
  targets: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), kind: ActorKindSchema, stance: StanceSchema,
  })),
  topics: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  reportedIn: Type.Object({
    document: Type.Ref(DocumentRefSchema),
    evidence: Type.Ref(EvidenceSchema),
  }, { description: 'the document that reports the statement, with the exact span' }),
  originalDocument: Nullable(Type.Ref(DocumentRefSchema)),
  links: Type.Array(Type.Object({
    type: LinkTypeSchema,
    direction: enumOf(['outgoing', 'incoming'] as const, 'outgoing: this statement responds to / supports... the other; incoming: the other to this'),
    statement: Type.Object({ id: Type.String(), text: Type.String() }),
  })),
}, { $id: 'Statement', description: 'a statement with its speakers, targets, topics and evidence' })

export type Statement = Static<typeof StatementSchema>

export const PageSchema = <T extends TSchema>(item: T, description: string) => Type.Object({
  items: Type.Array(item),
  next: Nullable(Type.String({ description: 'cursor of the next page; null on the last page' })),
}, { description })

// ---------- actors ----------

export const AffiliationSchema = Type.Object({
  direction: enumOf(['outgoing', 'incoming'] as const, 'outgoing: this actor is the member/officer/parent; incoming: the other actor is'),
  type: AffiliationTypeSchema,
  role: Nullable(Type.String()),
  since: Nullable(Type.String()),
  until: Nullable(Type.String()),
  actor: Type.Ref(ActorRefSchema),
})

export const ActorSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: ActorKindSchema,
  aliases: Type.Array(Type.String()),
  description: Nullable(Type.String()),
}, { $id: 'ActorSummary' })

export const ActorDetailSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: ActorKindSchema,
  aliases: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  affiliations: Type.Array(AffiliationSchema),
  counts: Type.Object({
    statementsMade: Type.Integer(),
    statementsAbout: Type.Integer(),
  }),
}, { $id: 'ActorDetail' })

export type ActorDetail = Static<typeof ActorDetailSchema>
export type ActorSummary = Static<typeof ActorSummarySchema>

// ---------- who said what about ----------

export const StanceCountsSchema = Type.Object({
  critical: Type.Integer(),
  supportive: Type.Integer(),
  neutral: Type.Integer(),
})

export const WhoSaidGroupSchema = Type.Object({
  speaker: Type.Ref(ActorRefSchema),
  stance: StanceCountsSchema,
  total: Type.Integer({ description: 'statements by this speaker about the actor' }),
  statements: Type.Array(Type.Ref(StatementSchema), { description: 'the most recent of them, up to perSpeaker' }),
})

export const WhoSaidSchema = Type.Object({
  about: Type.Ref(ActorRefSchema),
  groups: Type.Array(WhoSaidGroupSchema),
  next: Nullable(Type.String()),
})

export const StanceMatrixSchema = Type.Object({
  cells: Type.Array(Type.Object({
    speaker: Type.Ref(ActorRefSchema),
    target: Type.Ref(ActorRefSchema),
    critical: Type.Integer(),
    supportive: Type.Integer(),
    neutral: Type.Integer(),
    total: Type.Integer(),
  })),
  next: Nullable(Type.String()),
})

// ---------- documents ----------

export const DocumentSummarySchema = Type.Object({
  ...DOCUMENT_FIELDS,
  publisher: Nullable(Type.Ref(ActorRefSchema)),
  statementCount: Type.Integer({ description: 'statements reported in it' }),
  hasText: Type.Boolean({ description: 'whether whosaid holds its full text' }),
}, { $id: 'DocumentSummary' })

export const DocumentDetailSchema = Type.Object({
  ...DOCUMENT_FIELDS,
  note: Nullable(Type.String()),
  textHash: Nullable(Type.String({ description: 'sha256 of the full text' })),
  text: Type.Optional(Nullable(Type.String({ description: 'the full text, with includeText=true' }))),
  publisher: Nullable(Type.Ref(ActorRefSchema)),
  authors: Type.Array(Type.Ref(ActorRefSchema)),
  addressees: Type.Array(Type.Ref(ActorRefSchema)),
  actorsMentioned: Type.Array(Type.Ref(ActorRefSchema), { description: 'speakers and targets of the statements it reports' }),
  statementsReported: Type.Array(Type.Ref(StatementSchema), { description: 'statements it reports, in text order' }),
  statementsOriginallyIn: Type.Array(Type.Object({ id: Type.String(), text: Type.String() }), { description: 'statements first made in it' }),
}, { $id: 'DocumentDetail' })

// ---------- graph ----------

export const GraphNodeSchema = Type.Object({
  id: Type.String(),
  label: enumOf(['Actor', 'Statement', 'Document', 'Topic'] as const, 'what the node is'),
  kind: Type.String({ description: 'actor kind, document kind, statement attribution, or "topic"' }),
  name: Type.String({ description: 'display name: actor name, statement text, document title, topic name' }),
})

export const GraphEdgeSchema = Type.Object({
  source: Type.String({ description: 'id of the node the relationship starts at' }),
  target: Type.String({ description: 'id of the node it ends at' }),
  type: Type.String({ description: 'SAID, ABOUT, ON_TOPIC, REPORTED_IN, ORIGINALLY_IN, AFFILIATED_WITH, RESPONDS_TO, ...' }),
  stance: Type.Optional(StanceSchema),
  role: Type.Optional(Type.String()),
})

export const NeighbourhoodSchema = Type.Object({
  center: Type.String(),
  depth: Type.Integer(),
  nodes: Type.Array(GraphNodeSchema),
  edges: Type.Array(GraphEdgeSchema),
  truncated: Type.Boolean({ description: 'true when the limit cut the neighbourhood short' }),
})

export const PathsSchema = Type.Object({
  from: Type.Ref(ActorRefSchema),
  to: Type.Ref(ActorRefSchema),
  paths: Type.Array(Type.Object({
    hops: Type.Integer(),
    steps: Type.Array(Type.Object({
      from: GraphNodeSchema,
      to: GraphNodeSchema,
      type: Type.String(),
      explanation: Type.String({ description: 'the step in words' }),
    })),
  })),
})

// ---------- search and stats ----------

export const SEARCH_TYPES = ['actor', 'statement', 'document'] as const

export const SearchHitSchema = Type.Object({
  type: enumOf(SEARCH_TYPES, 'what was found'),
  id: Type.String(),
  title: Type.String({ description: 'actor name, statement speaker(s) and verb, or document title' }),
  snippet: Type.String({ description: 'the matching text with matches wrapped in <mark></mark>' }),
  score: Type.Number(),
})

export const StatsSchema = Type.Object({
  nodes: Type.Record(Type.String(), Type.Integer()),
  relationships: Type.Record(Type.String(), Type.Integer()),
})
