// POST /v1/extract: the text to draft from, and the draft (statements, actors, seed fragment).
// Offsets are Unicode code points into the submitted text, as evidence offsets everywhere.
import { Type, type Static } from '@sinclair/typebox'
import {
  ActorKindSchema, AttributionSchema, DocumentKindSchema, PartialDateSchema, SLUG_PATTERN, StanceSchema, enumOf,
} from '../domain/seed-model.js'
import type { SeedFragment } from '../extract/index.js'

export const ExtractBodySchema = Type.Object({
  text: Type.String({ minLength: 1, pattern: '\\S', description: 'the article text (not only whitespace); offsets in the answer are code points into it, exactly as sent' }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000, description: 'the document title (default: the first line of the text)' })),
  url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2_000, description: 'where the document is published' })),
  date: Type.Optional(PartialDateSchema),
  documentId: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 100, description: 'the document id for the seed (default: a slug of the title)' })),
  kind: Type.Optional(DocumentKindSchema),
}, { additionalProperties: false, description: 'the text and what is known about its document' })

export type ExtractBody = Static<typeof ExtractBodySchema>

const SpanSchema = Type.Object({
  start: Type.Integer({ description: 'first code point' }),
  end: Type.Integer({ description: 'code point after the span' }),
  text: Type.String({ description: 'the text between start and end' }),
})

const Confidence = (description: string) => Type.Number({ minimum: 0, maximum: 1, description })
const Rule = Type.String({ description: 'the extraction rule that made this decision (for tracing a wrong draft to its stage)' })

export const DraftStatementSchema = Type.Object({
  attribution: AttributionSchema,
  verb: Type.String({ description: 'the reporting verb\'s lemma: say, tell, argue, according to...' }),
  text: Type.String({ description: 'the quoted words (direct quote) or the reported content' }),
  evidence: Type.Object({
    ...SpanSchema.properties,
    before: Type.String({ description: 'up to 32 code points before the span' }),
    after: Type.String({ description: 'up to 32 code points after the span' }),
  }, { description: 'the span of the text that backs the statement' }),
  speakers: Type.Array(Type.Object({
    actor: Type.Union([Type.String(), Type.Null()], { description: 'the actor id, known or proposed; null when a pronoun could not be resolved' }),
    name: Type.String(),
    role: Type.Optional(Type.String({ description: 'the role the text gives the speaker' })),
    matched: Type.Boolean({ description: 'true: an actor the graph already holds' }),
    mention: SpanSchema,
    rule: Rule,
  })),
  cue: SpanSchema,
  targets: Type.Array(Type.Object({
    actor: Type.String(),
    name: Type.String(),
    stance: StanceSchema,
    confidence: Confidence('how sure the stance is'),
    rule: Rule,
  })),
  confidence: Confidence('how sure the attribution is'),
  rule: Rule,
}, { description: 'a drafted statement' })

export const DraftActorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: ActorKindSchema,
  aliases: Type.Array(Type.String()),
  status: enumOf(['matched', 'proposed'] as const, 'matched: already in the graph; proposed: new, declared in the seed fragment'),
  rule: Rule,
}, { description: 'an actor the draft refers to' })

export const ExtractResultSchema = Type.Object({
  statements: Type.Array(DraftStatementSchema),
  actors: Type.Array(DraftActorSchema),
  seed: Type.Unsafe<SeedFragment>({
    $ref: 'GraphSeedFile',
    description: 'a graph-seed fragment of the draft (proposed actors, the document with its text, the statements whose speakers are all resolved), which POST /v1/import accepts as it stands',
  }),
}, { description: 'the draft; nothing was written' })

export type ExtractResult = Static<typeof ExtractResultSchema>
