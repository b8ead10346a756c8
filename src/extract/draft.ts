// The chain: segment → quotes → sentences → cues → attribute (quotes + cues + speaker mentions)
// → resolve (pronouns, descriptions) → link (known/proposed actors) → targets/stance → score.
// Every stage works in UTF-16 indices; offsets become code points here, once.
import { attribute } from './attribute.js'
import { findCues } from './cues.js'
import { Linker, slugify } from './link.js'
import { codePoints, cpEvidence, cpSpan } from './offsets.js'
import { findQuotes } from './quotes.js'
import { knownMentions, nameMentions, resolve } from './resolve.js'
import { confidenceOf } from './score.js'
import { paragraphs, sentences } from './segment.js'
import { targetMatcher, stanceOf, type TargetHit } from './targets.js'
import type { Draft, DraftOptions, DraftStatement, DraftTarget, Resolved } from './types.js'

export function draftStatements (text: string, options: DraftOptions = {}): Draft {
  const known = options.knownActors ?? []
  const paras = paragraphs(text)
  const quotes = findQuotes(text, paras)
  const sents = sentences(text, paras, quotes)
  const cues = findCues(text, quotes)
  const candidates = attribute(text, sents, quotes, cues)
  const linker = new Linker(known)
  const resolved = resolve(candidates, { linker, mentions: knownMentions(text, known), names: nameMentions(text) })
  const cps = codePoints(text)
  const match = targetMatcher(linker.lexicon())
  const knownIds = new Map(known.map((k) => [k.id, k]))
  const statements: DraftStatement[] = []
  let previous: { speaker: string | null, targets: DraftTarget[] } | null = null
  for (const r of resolved) {
    const speakerId = r.speaker?.entity ?? null
    const content = text.slice(r.content.start, r.content.end)
    const targets = targetsOf(r, content, match, linker.nameOf.bind(linker), previous)
    for (const t of targets) {
      const a = knownIds.get(t.actor)
      if (a) linker.addMatched(a, 'link-target')
    }
    const words = r.attribution === 'direct-quote' && r.quoted.length
      ? r.quoted.map((q) => text.slice(q.start, q.end).replace(/^[\s]+|[\s,]+$/g, '')).join(' ')
      : content.replace(/^that\s+/i, '').replace(/^[\s“"]+|[\s”".,]+$/g, '')
    const sp = r.speaker
    statements.push({
      attribution: r.attribution,
      verb: r.cue.lemma,
      text: words || content,
      evidence: cpEvidence(cps, r.content),
      speakers: sp
        ? [{
            actor: sp.entity,
            name: sp.name,
            ...(sp.role ? { role: sp.role } : {}),
            matched: sp.entity ? knownIds.has(sp.entity) : false,
            mention: cpSpan(cps, sp.mention),
            rule: `${sp.mention.rule}>${sp.rule}`,
          }]
        : [],
      cue: cpSpan(cps, r.cue),
      targets,
      confidence: confidenceOf(r),
      rule: r.rule,
    })
    previous = { speaker: speakerId, targets }
  }
  const title = options.title ?? text.split('\n')[0]?.trim()
  return {
    documentId: options.documentId ?? slugify(title || 'document'),
    ...(title ? { title } : {}),
    ...(options.date ? { date: options.date } : {}),
    text,
    actors: linker.actors(),
    statements,
  }
}

function targetsOf (r: Resolved, content: string, match: (content: string, speaker: string | null) => TargetHit[], nameOf: (id: string) => string,
  previous: { speaker: string | null, targets: DraftTarget[] } | null): DraftTarget[] {
  const speaker = r.speaker?.entity ?? null
  const hits = match(content, speaker)
  const { stance, confidence } = stanceOf(content)
  const out: DraftTarget[] = hits.map((h) => ({ actor: h.actor, name: nameOf(h.actor), stance, confidence, rule: h.rule }))
  const quoteText = r.quoted.length ? content : ''
  if (!out.length && quoteText && /^\W*(?:it|they|he|she)\b/i.test(quoteText) && previous && previous.speaker === speaker && previous.targets[0]) {
    // "“It harvests swaths of data,” he wrote": "it" goes on about the previous statement's target
    const t = previous.targets[0]
    out.push({ actor: t.actor, name: t.name, stance, confidence: Math.min(confidence, 0.6), rule: 'target-pronoun-previous' })
  }
  const kind = r.speaker?.kind
  if (speaker && kind !== 'person' && quoteText && /\b(?:we|our|us)\b/i.test(quoteText) && !out.some((t) => t.actor === speaker)) {
    // an organisation saying "we" speaks of itself
    out.push({ actor: speaker, name: nameOf(speaker), stance, confidence: Math.min(confidence, 0.6), rule: 'target-self-we' })
  }
  return out
}
