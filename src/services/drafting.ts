// Drafting statements from a text: the known actors it mentions (read from the graph), then the
// pure extraction chain (src/extract) and its graph-seed fragment. Writes nothing; the fragment
// is for a person to review and then load (npm run seed, or POST /v1/import).
import type { Db } from '../db/db.js'
import { buildSeed, draftStatements, type DraftActor, type DraftStatement, type SeedFragment, type SeedOptions } from '../extract/index.js'
import { findMentionedActors } from '../repositories/mentions.js'

export interface DraftInput {
  text: string
  title?: string
  url?: string
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string
  documentId?: string
  kind?: SeedOptions['kind']
}

export interface DraftResult {
  statements: DraftStatement[]
  actors: DraftActor[]
  seed: SeedFragment
}

export async function draftDocument (db: Db, input: DraftInput): Promise<DraftResult> {
  const knownActors = await findMentionedActors(db, input.text)
  const draft = draftStatements(input.text, {
    knownActors,
    ...(input.title ? { title: input.title } : {}),
    ...(input.documentId ? { documentId: input.documentId } : {}),
    ...(input.date ? { date: input.date } : {}),
  })
  const seed = buildSeed(draft, { ...(input.kind ? { kind: input.kind } : {}), ...(input.url ? { url: input.url } : {}) })
  return { statements: draft.statements, actors: draft.actors, seed }
}
