// Types shared by the extraction stages. Offsets inside the stages are UTF-16 indices into the
// submitted text (what JS regexes give); they become code points once, in draft.ts.

// The seed model's own lists: a draft speaks the format it is loaded as.
import { ACTOR_KINDS, ATTRIBUTIONS, STANCES } from '../domain/seed-model.js'
export { ACTOR_KINDS, ATTRIBUTIONS, STANCES }

export type Attribution = typeof ATTRIBUTIONS[number]
export type Stance = typeof STANCES[number]
export type ActorKind = typeof ACTOR_KINDS[number]

/** A half-open range [start, end) of UTF-16 indices. */
export interface Range { start: number, end: number }

export interface Span extends Range { text: string }

export interface Evidence extends Span { before: string, after: string }

export interface KnownActor { id: string, name: string, kind: ActorKind, aliases: string[] }

export interface DraftOptions {
  knownActors?: KnownActor[]
  title?: string
  documentId?: string
  /** YYYY, YYYY-MM or YYYY-MM-DD: the document's date, for the seed fragment. */
  date?: string
}

// ---- stage outputs (UTF-16) ----

export interface Paragraph extends Range { index: number }
export interface Sentence extends Range { paragraph: number, index: number }
export interface Segments { paragraphs: Paragraph[], sentences: Sentence[] }

/** One pair of quote marks (or a quote running on over paragraphs: several parts). */
export interface Quote extends Range {
  /** The words inside the marks, one range per paragraph part. */
  inner: Range[]
  /** False for scare quotes and titles ("Shark Tank"): too short to be a statement. */
  major: boolean
  /** The close mark is missing (the paragraph ended). */
  unclosed: boolean
  rule: string
}

export interface Cue extends Range {
  text: string
  /** The reporting verb's lemma: say, tell, argue, according to... */
  lemma: string
  kind: 'verb' | 'according-to'
}

export type MentionKind = 'name' | 'pronoun' | 'description' | 'relative'

export interface Mention extends Range {
  text: string
  kind: MentionKind
  /** The name part of a mention ("Brendan Carr" in "FCC commissioner Brendan Carr"). */
  name: string
  role?: string
  rule: string
}

/** A statement before its speaker is resolved to an actor. */
export interface Candidate {
  attribution: Attribution
  cue: Cue
  mention: Mention | null
  /** Evidence range (UTF-16). */
  content: Range
  /** Ranges of quoted words (direct quotes): the statement's text. */
  quoted: Range[]
  sentence: number
  paragraph: number
  rule: string
  /** Set for quotes with no attribution of their own given to the previous speaker. */
  inherited?: boolean
}

export interface ResolvedSpeaker {
  /** Key of the entity this mention refers to (actor id once linked). */
  entity: string | null
  name: string
  role?: string
  kind: ActorKind
  mention: Mention
  rule: string
}

export interface Resolved extends Candidate { speaker: ResolvedSpeaker | null }

// ---- public output (code points) ----

export interface DraftSpeaker {
  /** Actor id (known or proposed); null when a pronoun could not be resolved. */
  actor: string | null
  name: string
  role?: string
  matched: boolean
  mention: Span
  rule: string
}

export interface DraftTarget {
  actor: string
  name: string
  stance: Stance
  confidence: number
  rule: string
}

export interface DraftStatement {
  attribution: Attribution
  verb: string
  text: string
  evidence: Evidence
  speakers: DraftSpeaker[]
  cue: Span
  targets: DraftTarget[]
  confidence: number
  rule: string
}

export interface DraftActor {
  id: string
  name: string
  kind: ActorKind
  aliases: string[]
  status: 'matched' | 'proposed'
  rule: string
}

export interface Draft {
  documentId: string
  title?: string
  date?: string
  /** The submitted text; offsets are code points into it. */
  text: string
  actors: DraftActor[]
  statements: DraftStatement[]
}
