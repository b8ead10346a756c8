// Stage 8: targets and stance. A target is an actor named (name, alias, surname) or referred to
// ("it" opening a quote that goes on about the previous statement's target; "we" of an
// organisation speaking of itself) inside the statement's content, other than the speaker.
// Stance is a small lexicon score over the content: critical words count -1, supportive +1,
// a negation ("not", "never", "no") within the three words before a word flips it. A score of 0
// is neutral; confidence grows with the absolute score (0.5 + 0.15 per point, at most 0.9).
import type { ActorKind, Stance } from './types.js'

const CRITICAL = new Set([
  'risk', 'risks', 'threat', 'threats', 'danger', 'dangerous', 'wrong', 'bad', 'worst', 'fail', 'failed', 'failure', 'failing', 'corrupt',
  'corruption', 'lie', 'lies', 'lied', 'liar', 'lying', 'fraud', 'disgrace', 'disgraceful', 'shameful', 'terrible', 'horrible', 'disaster',
  'disastrous', 'unfit', 'incompetent', 'weak', 'crooked', 'rigged', 'secrecy', 'shroud', 'harvests', 'harvest', 'accessed', 'illegal',
  'illegally', 'unacceptable', 'reckless', 'racist', 'sexist', 'attack', 'attacks', 'attacked', 'criticize', 'criticized', 'blame', 'blamed',
  'concerns', 'concern', 'fears', 'fear', 'worried', 'worry', 'problem', 'problems', 'scandal', 'abuse', 'deplorable', 'deplorables',
  'hypocrite', 'hypocrisy', 'dishonest', 'should', 'must', 'refuse', 'refused', 'refuses', 'against', 'oppose', 'opposed', 'opposes',
  'mistake', 'crisis', 'pathetic', 'ridiculous', 'sad', 'nasty', 'losing', 'lost', 'loses', 'destroy', 'destroyed', 'kill', 'killed',
  'unusual', 'doubt', 'doubts', 'mislead', 'misleading', 'false', 'scrutinized', 'investigate', 'investigation', 'divest', 'ban', 'banned',
])
const SUPPORTIVE = new Set([
  'safeguard', 'safe', 'secure', 'security', 'protect', 'protected', 'protects', 'great', 'good', 'best', 'better', 'support', 'supports',
  'supported', 'endorse', 'endorsed', 'endorsement', 'praise', 'praised', 'proud', 'thrilled', 'honored', 'win', 'winning', 'won', 'strong',
  'strength', 'robust', 'advanced', 'trust', 'trusted', 'committed', 'commitment', 'help', 'helps', 'helped', 'goal', 'aim', 'hope',
  'thank', 'thanks', 'grateful', 'excellent', 'wonderful', 'amazing', 'tremendous', 'fantastic', 'leader', 'champion', 'advocate',
  'qualified', 'right', 'fair', 'fully', 'minimize', 'agreement', 'working', 'improve', 'improving', 'success', 'successful', 'remove',
])
const NEGATIONS = new Set(['not', 'never', 'no', 'nor', 'without', 'neither', "n't", 'isn’t', "isn't", 'don’t', "don't", 'won’t', "won't"])

export function stanceOf (content: string): { stance: Stance, confidence: number, score: number } {
  const words = content.toLowerCase().match(/[\p{L}’']+/gu) ?? []
  let score = 0
  words.forEach((w, i) => {
    const v = CRITICAL.has(w) ? -1 : SUPPORTIVE.has(w) ? 1 : 0
    if (!v) return
    const negated = words.slice(Math.max(0, i - 3), i).some((x) => NEGATIONS.has(x) || x.endsWith('n’t') || x.endsWith("n't"))
    score += negated ? -v : v
  })
  const stance: Stance = score < 0 ? 'critical' : score > 0 ? 'supportive' : 'neutral'
  return { stance, confidence: Math.min(0.9, 0.5 + 0.15 * Math.abs(score)), score }
}

export interface TargetHit { actor: string, start: number, rule: string }

/**
 * A matcher for the actors named in a statement's content, in order of first mention (UTF-16
 * offsets relative to the content). Built once per draft: one alternation of every name, the
 * longest first, so "China-based employees" wins over "China".
 */
export function targetMatcher (lexicon: Array<{ id: string, names: string[], kind: ActorKind }>): (content: string, speaker: string | null) => TargetHit[] {
  const exact = new Map<string, string>()
  const folded = new Map<string, string>()
  for (const e of lexicon) {
    const names = [...e.names]
    if (e.kind === 'person') {
      const last = e.names[0]!.split(/\s+/).pop()!
      if (last.length >= 3 && last !== e.names[0]) names.push(last)
    }
    for (const n of names) {
      if (n.length < 3) continue
      if (/^\p{Lu}/u.test(n)) { if (!exact.has(n)) exact.set(n, e.id) } else if (!folded.has(n.toLowerCase())) folded.set(n.toLowerCase(), e.id)
    }
  }
  // names indexed by their first word, so each word of the content is looked up once
  const byFirst = new Map<string, Array<{ name: string, id: string, fold: boolean }>>()
  const add = (name: string, id: string, fold: boolean): void => {
    const key = (name.match(/^[\p{L}\p{N}]+/u)?.[0] ?? name).toLowerCase()
    const list = byFirst.get(key) ?? []
    list.push({ name, id, fold })
    byFirst.set(key, list)
  }
  for (const [n, id] of exact) add(n, id, false)
  for (const [n, id] of folded) add(n, id, true)
  return (content, speaker) => {
    const hits: Array<{ id: string, s: number, e: number }> = []
    const lower = content.toLowerCase()
    for (const m of content.matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}]+/gu)) {
      const list = byFirst.get(m[0].toLowerCase())
      if (!list) continue
      for (const c of list) {
        const ok = c.fold ? lower.startsWith(c.name, m.index) : content.startsWith(c.name, m.index)
        const after = content[m.index + c.name.length]
        if (ok && !(after && /[\p{L}\p{N}]/u.test(after))) hits.push({ id: c.id, s: m.index, e: m.index + c.name.length })
      }
    }
    // longer matches claim their characters first
    hits.sort((a, b) => (b.e - b.s) - (a.e - a.s) || a.s - b.s)
    const claimed: Array<[number, number]> = []
    const first = new Map<string, TargetHit>()
    for (const h of hits) {
      if (claimed.some(([a, b]) => h.s < b && h.e > a)) continue
      claimed.push([h.s, h.e])
      if (h.id === speaker) continue
      const prior = first.get(h.id)
      if (!prior || prior.start > h.s) first.set(h.id, { actor: h.id, start: h.s, rule: 'target-named' })
    }
    return [...first.values()].sort((a, b) => a.start - b.start)
  }
}

/** Actors named in the content (see targetMatcher). */
export function namedTargets (content: string, lexicon: Array<{ id: string, names: string[], kind: ActorKind }>, speaker: string | null): TargetHit[] {
  return targetMatcher(lexicon)(content, speaker)
}
