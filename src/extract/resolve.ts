// Stage 6: resolution. Each speaker mention becomes an entity: a name is linked (link.ts); a
// pronoun ("he", "it", "who") or a description ("the company", "the FCC commissioner", "the
// letter") refers back to the latest fitting entity. The mention itself stays the pronoun.
import { PRONOUNS } from './speakers.js'
import { guessKind, normName, type Linker } from './link.js'
import type { ActorKind, Candidate, KnownActor, Mention, Resolved, ResolvedSpeaker } from './types.js'

interface Entity { id: string, name: string, kind: ActorKind, role?: string, pos: number }

const DOC_NOUNS = /\b(?:letter|statement|memo|e-?mail|release|filing|blog\s?post|post|tweet|note|ad|video|spot|clip)$/i
const ORG_NOUNS = /\b(?:company|firm|campaign|agency|administration|government|department|ministry|committee|party|organi[sz]ation|group|platform|app|network|newspaper|paper|site|website|union|council|court|panel|board|office)$/i
const PERSON_NOUNS = /\b(?:commissioner|senator|president|governor|secretary|spokes(?:man|woman|person)|chairman|chairwoman|chair|director|executive|officer|official|aide|adviser|advisor|candidate|nominee|mayor|judge|lawyer|attorney|manager|founder|leader|businessman|businesswoman|billionaire|congressman|congresswoman|lawmaker|host|anchor|reporter|author|professor|analyst|strategist|chief)$/i

const NAME_KEY = 'name:'

/** Full names the text mentions ("Maria Lopez runs the clinic."): antecedents for "she said". */
export function nameMentions (text: string): Array<{ pos: number, name: string }> {
  const out: Array<{ pos: number, name: string }> = []
  const re = /(?<![\p{L}\p{N}’'.])(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{Ll}’'-]+){1,2}(?![\p{L}\p{N}])/gu
  for (const m of text.matchAll(re)) {
    const first = m[0].split(/\s+/)[0]!.toLowerCase()
    if (NOT_NAME_START.has(first)) continue
    out.push({ pos: m.index, name: m[0].replace(/[’']s$/, '') })
  }
  return out
}
const NOT_NAME_START = new Set(['the', 'but', 'and', 'in', 'on', 'at', 'as', 'if', 'when', 'while', 'after', 'before', 'this', 'that', 'for', 'with', 'from', 'by', 'to', 'of', 'last', 'new', 'north', 'south', 'east', 'west', 'united', 'white', 'supreme', 'federal', 'national', 'state', 'democratic', 'republican', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])

export interface Context {
  linker: Linker
  /** Known actors mentioned in the text, by position, so pronouns can refer to them too. */
  mentions: Array<{ pos: number, actor: KnownActor }>
  /** Full names in the text, for pronouns whose referent has not spoken yet. */
  names?: Array<{ pos: number, name: string }>
}

/** Positions of known actors' names in the text (antecedents for pronouns). */
export function knownMentions (text: string, known: KnownActor[]): Context['mentions'] {
  const out: Context['mentions'] = []
  for (const a of known) {
    for (const n of [a.name, ...a.aliases]) {
      if (n.length < 3 || !/^\p{Lu}/u.test(n)) continue
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu')
      for (const m of text.matchAll(re)) out.push({ pos: m.index, actor: a })
    }
  }
  return out.sort((x, y) => x.pos - y.pos)
}

export function resolve (cands: Candidate[], ctx: Context): Resolved[] {
  const seen: Entity[] = []
  const out: Resolved[] = []
  let lastSpeaker: ResolvedSpeaker | null = null
  // antecedents the text offers besides earlier speakers: known actors and full names, by position
  const offered: Entity[] = [
    ...ctx.mentions.map((m) => ({ id: m.actor.id, name: m.actor.name, kind: m.actor.kind, pos: m.pos })),
    ...(ctx.names ?? []).map((n) => {
      const known = ctx.linker.matchKnown(n.name)
      return known
        ? { id: known.actor.id, name: known.actor.name, kind: known.actor.kind, pos: n.pos }
        : { id: NAME_KEY + n.name, name: n.name, kind: guessKind(n.name), pos: n.pos }
    }),
  ]
  const latest = (pos: number, fits: (e: Entity) => boolean, speakersOnly = false): Entity | undefined => {
    let best: Entity | undefined
    for (const e of seen) if (e.pos < pos && fits(e) && (!best || e.pos > best.pos)) best = e
    if (speakersOnly) return best
    for (const e of offered) if (e.pos < pos && fits(e) && (!best || e.pos > best.pos)) best = e
    return best
  }
  for (const c of cands) {
    if (c.inherited) {
      out.push({ ...c, speaker: lastSpeaker ? { ...lastSpeaker, rule: 'resolve-previous-speaker' } : null })
      continue
    }
    const m = c.mention
    const speaker = m ? resolveMention(m, ctx, latest) : null
    if (speaker) {
      if (speaker.entity) seen.push({ id: speaker.entity, name: speaker.name, kind: speaker.kind, ...(speaker.role ? { role: speaker.role } : {}), pos: m!.start })
      lastSpeaker = speaker
    }
    out.push({ ...c, speaker })
  }
  return out
}

function resolveMention (m: Mention, ctx: Context, latest: (pos: number, fits: (e: Entity) => boolean, speakersOnly?: boolean) => Entity | undefined): ResolvedSpeaker {
  const { linker } = ctx
  const named = (name: string, kind: ActorKind, rule: string, role?: string): ResolvedSpeaker => {
    const l = linker.link(name, kind, m.kind === 'name' && m.text !== name ? undefined : undefined)
    const k = linker.kindOf(l.actor) ?? kind
    return { entity: l.actor, name: linker.nameOf(l.actor), ...(role ? { role } : {}), kind: k, mention: m, rule: `${rule}+${l.rule}` }
  }
  const back = (e: Entity | undefined, rule: string, role?: string): ResolvedSpeaker => {
    if (e && e.id.startsWith(NAME_KEY)) {
      // a name the text mentioned before (no statement of its own yet): link it now
      const r = named(e.name, e.kind, rule)
      return { ...r, ...(role ? { role } : {}) }
    }
    if (e) return { entity: e.id, name: e.name, ...(role ?? e.role ? { role: role ?? e.role } : {}), kind: e.kind, mention: m, rule }
    // a description nobody earlier fits ("the union") is a speaker of its own
    if (m.kind === 'description') return named(m.name, guessKind(m.name), rule + '-new', role)
    return { entity: null, name: m.text, ...(role ? { role } : {}), kind: 'person', mention: m, rule: rule + '-unresolved' }
  }
  if (m.kind === 'pronoun') {
    const want = PRONOUNS.get(m.text.toLowerCase()) ?? 'any'
    if (want === 'person') return back(latest(m.start, (e) => e.kind === 'person'), 'resolve-pronoun-person')
    if (want === 'organisation') return back(latest(m.start, (e) => e.kind === 'organisation'), 'resolve-pronoun-organisation')
    return back(latest(m.start, (e) => e.kind !== 'person'), 'resolve-pronoun-group')
  }
  if (m.kind === 'relative') {
    const known = linker.matchKnown(m.name)
    const kind = known?.actor.kind ?? guessKind(m.name)
    return named(m.name, kind, 'resolve-relative-antecedent', m.role)
  }
  if (m.kind === 'description') {
    const known = linker.matchKnown(m.text) ?? linker.matchKnown(m.name)
    if (known) return named(known.actor.name, known.actor.kind, 'resolve-description-alias', m.role)
    const head = normName(m.name)
    if (m.name !== m.role && m.role) {
      // "TikTok's letter": the possessor speaks
      const k = linker.matchKnown(m.name)?.actor.kind ?? guessKind(m.name)
      return named(m.name, k === 'person' ? 'person' : 'organisation', 'resolve-description-possessor', m.role)
    }
    const definite = /^the\s/i.test(m.text)
    // "the letter said": the organisation that spoke last (through its letter), not the last one named
    if (definite && DOC_NOUNS.test(head)) return back(latest(m.start, (e) => e.kind === 'organisation', true) ?? latest(m.start, (e) => e.kind === 'organisation'), 'resolve-description-document', m.role)
    if (definite && ORG_NOUNS.test(head)) return back(latest(m.start, (e) => e.kind === 'organisation'), 'resolve-description-organisation', m.role)
    if (definite && PERSON_NOUNS.test(head)) {
      const noun = head.split(' ').pop()!
      const e = latest(m.start, (x) => x.kind === 'person' && (x.role ?? '').toLowerCase().includes(noun))
      if (e) return back(e, 'resolve-description-role', m.role)
    }
    return named(m.name, guessKind(m.name), 'resolve-description-new', m.role)
  }
  const known = linker.matchKnown(m.name)
  return named(m.name, known?.actor.kind ?? guessKind(m.name), 'resolve-name', m.role)
}
