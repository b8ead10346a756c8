// Stage 7: linking. Names are matched to known actors by name, alias, then surname alone; names
// that match none become proposed actors with slug ids, a kind guess and the aliases seen.
import type { ActorKind, DraftActor, KnownActor } from './types.js'

export function normName (s: string): string {
  return s.normalize('NFKC').toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[’'`]/g, '')
    .replace(/^(?:the|a|an)\s+/, '')
    .replace(/\b(?:mr|mrs|ms|dr)\.?\s+/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function slugify (s: string): string {
  const slug = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[’']s\b/g, 's').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100).replace(/-+$/, '')
  return slug || 'actor'
}

const ORG_WORDS = /\b(?:committee|party|campaign|department|times|news|post|journal|inc|corp|company|commission|agency|university|administration|council|association|institute|foundation|center|centre|bureau|office|court|board|network|press|magazine|group|union|league|club|fund|bank|police|house|senate|congress|government|ministry|service|services|reuters|cnn|fox|msnbc|nbc|abc|cbs|npr|politifact|gallup|poll|report|project|coalition|organization|organisation|federation|society|tribune|herald|gazette|review|daily|weekly|channel|radio|television|tv|pac)\b/i
const GROUP_WORDS = /\b(?:senators|lawmakers|officials|republicans|democrats|voters|experts|critics|supporters|members|analysts|residents|people|workers|employees|users|leaders|activists|protesters|students|economists|scientists|researchers|sources|staffers|aides|advisers|authorities|prosecutors|officers|fans|conservatives|liberals|progressives|americans|evangelicals)\b/i

export function guessKind (name: string): ActorKind {
  if (GROUP_WORDS.test(name)) return 'group'
  if (ORG_WORDS.test(name) || /^[\p{Lu}&]{2,}$/u.test(name.trim())) return 'organisation'
  return 'person'
}

export interface Link { actor: string, matched: boolean, rule: string }

/** Holds the known actors and the ones proposed so far for one document. */
export class Linker {
  private readonly byName = new Map<string, KnownActor>()
  private readonly known: KnownActor[]
  private readonly proposed = new Map<string, DraftActor>()
  private readonly matchedIds = new Map<string, DraftActor>()

  constructor (known: KnownActor[]) {
    this.known = known
    for (const a of known) {
      for (const n of [a.name, ...a.aliases]) {
        const k = normName(n)
        if (k && !this.byName.has(k)) this.byName.set(k, a)
      }
    }
  }

  knownActors (): KnownActor[] { return this.known }

  /** The known actor a name denotes, if any (name, alias, then unique surname). */
  matchKnown (name: string, kind?: ActorKind): { actor: KnownActor, rule: string } | null {
    const k = normName(name)
    if (!k) return null
    const exact = this.byName.get(k)
    if (exact) return { actor: exact, rule: exact.name && normName(exact.name) === k ? 'link-name' : 'link-alias' }
    const words = k.split(' ')
    const last = words[words.length - 1]!
    if (last.length < 3) return null
    if (kind && kind !== 'person') return null
    const hits = this.known.filter((a) => a.kind === 'person' && normName(a.name).split(' ').pop() === last)
    if (hits.length === 1 && (words.length === 1 || normName(hits[0]!.name).startsWith(words[0]!))) return { actor: hits[0]!, rule: 'link-surname' }
    return null
  }

  /** Links a name: a known actor, an actor proposed earlier in the document, or a new proposal. */
  link (name: string, kind: ActorKind, alias?: string): Link {
    const known = this.matchKnown(name, undefined)
    if (known) {
      const a = known.actor
      if (!this.matchedIds.has(a.id)) this.matchedIds.set(a.id, { id: a.id, name: a.name, kind: a.kind, aliases: [...a.aliases], status: 'matched', rule: known.rule })
      return { actor: a.id, matched: true, rule: known.rule }
    }
    const k = normName(name)
    const words = k.split(' ')
    const last = words[words.length - 1]!
    for (const p of this.proposed.values()) {
      const pk = normName(p.name)
      const same = pk === k || p.aliases.some((x) => normName(x) === k) ||
        (kind === 'person' && p.kind === 'person' && last.length >= 3 && (pk.split(' ').pop() === last) && (words.length === 1 || pk.split(' ').length === 1))
      if (same) {
        // the fuller name becomes the display name: "Sullivan" then "Kevin Sullivan"
        if (k.split(' ').length > pk.split(' ').length && !p.aliases.includes(p.name)) {
          p.aliases.push(p.name)
          p.name = name
        } else if (name !== p.name && !p.aliases.includes(name)) p.aliases.push(name)
        if (alias && alias !== p.name && !p.aliases.includes(alias)) p.aliases.push(alias)
        return { actor: p.id, matched: false, rule: 'link-proposed-again' }
      }
    }
    let id = slugify(name)
    const taken = (x: string): boolean => this.proposed.has(x) || this.known.some((a) => a.id === x)
    for (let n = 2; taken(id); n++) id = `${slugify(name)}-${n}`
    const aliases = alias && alias !== name ? [alias] : []
    this.proposed.set(id, { id, name, kind, aliases, status: 'proposed', rule: 'link-proposed-new' })
    return { actor: id, matched: false, rule: 'link-proposed-new' }
  }

  /** Every actor the draft refers to: matched ones first, then proposals. */
  actors (): DraftActor[] {
    return [...this.matchedIds.values(), ...this.proposed.values()]
  }

  addMatched (a: KnownActor, rule: string): void {
    if (!this.matchedIds.has(a.id)) this.matchedIds.set(a.id, { id: a.id, name: a.name, kind: a.kind, aliases: [...a.aliases], status: 'matched', rule })
  }

  /** Name of an actor id, known or proposed. */
  nameOf (id: string): string {
    return this.proposed.get(id)?.name ?? this.known.find((a) => a.id === id)?.name ?? id
  }

  kindOf (id: string): ActorKind | undefined {
    return this.proposed.get(id)?.kind ?? this.known.find((a) => a.id === id)?.kind
  }

  /** Names to look for in statement texts (targets): known and proposed actors with their aliases. */
  lexicon (): Array<{ id: string, names: string[], kind: ActorKind }> {
    const out = this.known.map((a) => ({ id: a.id, names: [a.name, ...a.aliases], kind: a.kind }))
    for (const p of this.proposed.values()) out.push({ id: p.id, names: [p.name, ...p.aliases], kind: p.kind })
    return out
  }
}
