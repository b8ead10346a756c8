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

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Actors named in the content, in order of first mention (UTF-16 offsets relative to content). */
export function namedTargets (content: string, lexicon: Array<{ id: string, names: string[], kind: ActorKind }>, speaker: string | null): TargetHit[] {
  const first = new Map<string, TargetHit>()
  const claimed: Array<[number, number]> = []
  // longer names first, so "China-based employees" wins over "China"
  const entries = lexicon.flatMap((e) => {
    const names = [...e.names]
    if (e.kind === 'person') {
      const last = e.names[0]!.split(/\s+/).pop()!
      if (last.length >= 3 && last !== e.names[0]) names.push(last)
    }
    return names.filter((n) => n.length >= 3).map((n) => ({ id: e.id, name: n }))
  }).sort((a, b) => b.name.length - a.name.length)
  for (const { id, name } of entries) {
    const flags = /^\p{Lu}/u.test(name) ? 'gu' : 'giu'
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, flags)
    for (const m of content.matchAll(re)) {
      const s = m.index; const e = s + m[0].length
      if (claimed.some(([a, b]) => s < b && e > a)) continue
      claimed.push([s, e])
      if (id === speaker) continue
      const prior = first.get(id)
      if (!prior || prior.start > s) first.set(id, { actor: id, start: s, rule: 'target-named' })
    }
  }
  return [...first.values()].sort((a, b) => a.start - b.start)
}
