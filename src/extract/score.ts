// Stage 9: confidence. A base per rule family, lowered for weak cues (beliefs, findings) and for
// speakers that could not be resolved to an actor. Deterministic; 0..1.
import { WEAK_LEMMAS } from './cues.js'
import type { Resolved } from './types.js'

export function confidenceOf (r: Resolved): number {
  let c: number
  if (r.inherited) c = 0.5
  else if (r.rule.startsWith('quote-')) c = 0.9
  else if (r.rule === 'speaker-verb-colon-quote') c = 0.9
  else if (r.attribution === 'direct-quote') c = 0.8
  else if (r.attribution === 'according-to') c = 0.65
  else c = 0.6
  if (WEAK_LEMMAS.has(r.cue.lemma)) c -= 0.15
  const sp = r.speaker
  if (!sp || !sp.entity) c *= 0.6
  else if (sp.mention.kind === 'pronoun' || sp.mention.kind === 'relative') c -= 0.05
  else if (sp.mention.kind === 'description' && /unresolved|new/.test(sp.rule)) c -= 0.1
  return Math.round(Math.max(0.05, Math.min(1, c)) * 100) / 100
}
