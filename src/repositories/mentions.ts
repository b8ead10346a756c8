// Linking a text to the graph: the known actors a text may mention, for the drafter
// (services/drafting.ts). The graph may hold millions of actors, so the text is never compared
// with all of them: its capitalised words and acronyms become terms of one full-text query, and
// only the hits whose name, alias or surname really occurs in the text come back.
import type { Db } from '../db/db.js'
import { normName, type KnownActor } from '../extract/index.js'
import { anyTermQuery } from '../lib/lucene.js'

/** Most index hits read per text; a hit must still pass the occurrence check below. */
export const MENTION_HITS = 500
/** Most terms per query: Lucene refuses boolean queries beyond 1024 clauses. */
export const MENTION_TERMS = 400

// Reads the actor_names full-text index (name and aliasText, see db/schema.ts) with one OR of
// the text's candidate terms; Lucene ranks actors sharing more (and rarer) terms first and
// stops at $cap, so the cost follows the hits, not the number of actors.
const MENTIONED_ACTORS = `
CALL db.index.fulltext.queryNodes('actor_names', $lucene, {limit: $cap}) YIELD node AS a
RETURN a {.id, .name, .kind, .aliases} AS actor`

// Sentence-initial function words are capitalised too; they are not names.
const NOT_TERMS = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'if', 'in', 'on', 'at', 'of', 'to', 'for', 'by', 'with', 'from', 'as',
  'it', 'its', 'he', 'she', 'we', 'they', 'i', 'you', 'his', 'her', 'our', 'their', 'this', 'that', 'these', 'those', 'there',
  'when', 'while', 'after', 'before', 'so', 'not', 'no', 'yes', 'is', 'was', 'are', 'were', 'be', 'has', 'had', 'have', 'what', 'who'])

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu

/**
 * Candidate terms of a text: the lowercased words of its capitalised words and acronyms
 * ("Brendan", "Carr", "FCC", "TikTok’s" and "tiktok"), function words left out, in order of
 * first occurrence.
 */
export function mentionTerms (text: string, max = MENTION_TERMS): string[] {
  const out = new Set<string>()
  for (const m of text.matchAll(WORD)) {
    if (!/^\p{Lu}/u.test(m[0])) continue
    const whole = m[0].toLowerCase()
    for (const t of [whole, whole.replace(/’/g, "'"), ...whole.split(/['’]/)]) {
      if (t.length >= 2 && !NOT_TERMS.has(t)) out.add(t)
      if (out.size >= max) return [...out]
    }
  }
  return [...out]
}

/**
 * Whether a known actor is named in the text: its name or an alias occurs (compared as the
 * linker compares names: case, possessives, titles and punctuation aside), or, for a person,
 * the last word of the name occurs as a capitalised word.
 */
export function occursIn (actor: KnownActor, normalisedText: string, capitalised: Set<string>): boolean {
  for (const n of [actor.name, ...actor.aliases]) {
    const k = normName(n)
    if (k.length >= 2 && normalisedText.includes(` ${k} `)) return true
  }
  if (actor.kind !== 'person') return false
  const last = normName(actor.name).split(' ').pop() ?? ''
  return last.length >= 3 && capitalised.has(last)
}

/** The known actors a text may mention (name, alias or surname), by id. */
export async function findMentionedActors (db: Db, text: string): Promise<KnownActor[]> {
  const terms = mentionTerms(text)
  const lucene = anyTermQuery(terms)
  if (!lucene) return []
  const rows = await db.read(MENTIONED_ACTORS, { lucene, cap: MENTION_HITS })
  const normalised = ` ${normName(text)} `
  const capitalised = new Set(terms.map((t) => normName(t)))
  const out = new Map<string, KnownActor>()
  for (const r of rows) {
    const a = r.actor as { id: string, name: string, kind: KnownActor['kind'], aliases: string[] | null }
    const actor: KnownActor = { id: a.id, name: a.name, kind: a.kind, aliases: a.aliases ?? [] }
    if (occursIn(actor, normalised, capitalised)) out.set(actor.id, actor)
  }
  return [...out.values()].sort((x, y) => x.id.localeCompare(y.id))
}
