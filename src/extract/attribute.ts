// Stage 5: attributions. Joins quotes, cues and speaker mentions sentence by sentence into
// candidate statements, each with the rule that made it. Speakers are still mentions here.
import { HEARER_VERBS, INVERTIBLE, NOUNISH, WEAK_LEMMAS, lemmaOf } from './cues.js'
import { subjectAfter, subjectBefore } from './speakers.js'
import type { Candidate, Cue, Mention, Quote, Range, Sentence } from './types.js'

// verbs of talking, whose content is a topic ("spoke about the plan")
const TOPIC_VERBS = new Set(['speak', 'talk'])

// verbs whose hearer comes first even without a "that": "told reporters it was over"
const OBJECT_FIRST = new Set(['tell', 'assure', 'inform', 'remind'])

const QUOTE_MARK = /["\u201c\u201d]/

/**
 * A clause with a quote of four or more words is a direct quote when the quote is at least half
 * of its visible characters (the corpus README's definition). graph-seed/README.md calls a partly
 * quoted sentence a direct quote, so a long quote (eight words or more: a claim in the speaker's
 * own words, "...that would “fully safeguard user data and US national security interests”") is
 * direct from 0.4; a short one inside reported speech ("he was “totally against the war”
 * because ...") is a paraphrase with a quoted phrase. bench: direct precision 0.732 -> 0.750 at
 * the same recall.
 */
export const DIRECT_SHARE = 0.5
export const DIRECT_SHARE_LONG = 0.4
export const LONG_QUOTE_WORDS = 8
// A scare quote or a title of two words or more counts too when it is most of the clause
// ("called the plan “a shameless giveaway” again"): the statement stands on its cue either way,
// and the quote is its words (bench: direct quotes correct 390 -> 395, drafted 509 -> 518).
const MIN_WORDS = 2
const wordCount = (text: string, q: Quote): number => q.inner.reduce((n, r) => n + (text.slice(r.start, r.end).match(/[\p{L}\d]+(?:[’'-][\p{L}\d]+)*/gu)?.length ?? 0), 0)

/** Share of the visible characters of a range that lie inside quote marks (brat_gold.py's test). */
export function quotedShare (text: string, r: Range, quotes: Quote[]): number {
  let visible = 0; let quoted = 0
  for (let i = r.start; i < r.end; i++) {
    const ch = text[i]!
    if (QUOTE_MARK.test(ch) || /\s/.test(ch)) continue
    visible++
    if (quotes.some((q) => q.inner.some((x) => i >= x.start && i < x.end))) quoted++
  }
  return visible ? quoted / visible : 0
}

const TIME_WORDS = '(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\\s+(?:morning|afternoon|evening|night))?|yesterday|today|tonight|earlier|later|recently|last\\s+(?:week|month|year|night)|this\\s+(?:week|month|year|morning)|on\\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\\s+(?:morning|afternoon|evening|night))?)'
const VENUE_NOUNS = '(?:statement|interview|letter|tweets?|post|speech|e-?mail|release|rally|debate|call|conference|blog\\s?post|memo|report|video|ad|book|op-ed|appearance|remarks|address|filing|court\\s+filing|message|note|event|town\\s+hall|meeting|briefing|hearing|show|program|programme|podcast|radio|television|tv|broadcast|website|site|page|account|feed|blog|channel|column|editorial|opinion\\s+piece|essay|op-ed)'
const ADVERBIAL = new RegExp(`^(?:\\s*,?\\s*(?:${TIME_WORDS}|(?:in|on|at|during|via|through|to|with)\\s+(?:a|an|the|his|her|their|its|this|that|our|my)\\s+(?:[\\p{L}\\d’'-]+\\s+){0,4}?${VENUE_NOUNS}\\b(?:\\s+(?:on|to|with|at|from|for|sent|seen|published|posted)\\s+[^,.;:“”"]{0,40}?(?=\\s+(?:that\\b|“|")))?|on\\s+(?:twitter|facebook|fox|cnn|msnbc|nbc|abc|cbs|npr|instagram|television|tv|radio)[\\p{L}’' ]{0,25}?(?=\\s+(?:that\\b|“|"|\\p{Lu}))|(?:publicly|privately|repeatedly|again|also|flatly|bluntly|simply|recently|often|later|earlier|once)))+\\s*,?`, 'iu')

/** Where a cue's reported content starts: after adverbials, a hearer ("told reporters"), ":" and "that". */
export function contentStart (text: string, cue: Cue, end: number): number {
  let p = cue.end
  const rest = (): string => text.slice(p, end)
  for (let round = 0; round < 3; round++) {
    const adv = ADVERBIAL.exec(rest())
    if (adv && adv[0].trim()) p += adv[0].length
    if (round === 0 && HEARER_VERBS.has(cue.lemma)) {
      // "told the lawmakers in a letter sent on Thursday that ...": jump to a nearby "that"
      const that = /^[^,.;:“”"]{0,80}?\bthat\b/.exec(rest())
      if (that) { p += that[0].length; continue }
      // "asking her, “Where do we go?”": the hearer before a quote is not what was said
      const toQuote = /^\s*(?:me|him|her|us|them|(?:the|a|an|his|her|their)\s+\p{L}+|\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,2})\s*[,:]\s*(?=[“"])/u.exec(rest())
      if (toQuote) { p += toQuote[0].length; continue }
      if (!OBJECT_FIRST.has(cue.lemma)) continue
      const obj = /^\s*(?:(?:the|a|an|his|her|their)\s+)?(?:[\p{Lu}][\p{L}.’'-]*\s*){1,3}|^\s*(?:me|him|her|us|them|reporters|supporters|the\s+crowd|the\s+audience|voters|listeners|viewers|the\s+\p{L}+|an?\s+\p{L}+)\b/u.exec(rest())
      if (obj) p += obj[0].length
      continue
    }
  }
  // "called for more money": "for" belongs to the verb
  if (cue.lemma === 'call') {
    const forWord = /^\s+for\s+(?=\S)/u.exec(rest())
    if (forWord) p += forWord[0].length
  }
  // "accused the council of “gross negligence”": the accused is the target, the charge is what was said
  if (cue.lemma === 'accuse') {
    const of = /^[^.;:“”"]{1,80}?\s(?=of\s)/u.exec(rest())
    if (of) p += of[0].length
  }
  // "spoke to reporters", "spoke at a rally": where and to whom, with no content
  // (and "speaking on condition of anonymity": why a source is not named)
  if (TOPIC_VERBS.has(cue.lemma) && /^\s+(?:to|at|with|before|in|during|for|on\s+(?:the\s+)?condition)\s/iu.test(rest())) return end
  // "said Friday as he entered the talks": a clause of the reporter's about when, with no content
  // unless a "that" follows it ("said as he left that ..."); "said when ..." may be a question
  // ("have not said when they would vote") and stays
  const when = /^\s*(?:as|while|until|after|before)\s+(?:he|she|they|it|we|I|you)\s/u.test(rest())
  const that = /^[^,.;:“”"]{0,60}?\b(?:in\s+(?:a|an|the|his|her|their|its)\s+[^,.;:“”"]{0,50}?)\bthat\b/u.exec(rest()) ??
    /^\s*(?:(?:at|on|after|before|during)\s+(?:a|an|the|his|her|their|its)\s+|(?:as|while|until|after|before)\s+(?:he|she|they|it|we|I|you)\s)[^,.;:“”"]{0,50}?\bthat\b/u.exec(rest())
  if (when && !that) return end
  if (that) p += that[0].length
  // "that" stays in the evidence (PolNeAR's content spans keep it); draft.ts drops it from the text
  const lead = /^\s*(?:[:,\u2014\u2013-]\s*)?/u.exec(rest())
  if (lead) p += lead[0].length
  while (p < end && /\s/.test(text[p]!)) p++
  return p
}

// a second reporting verb sharing the subject: "acknowledged that ... but argued that ..."
// (or ", adding that ...": a participle of a reporting verb)
// "and" and a verb in the past after a closed quote: the subject's next act ("... and left")
const NEXT_ACT = /^\s+(?:and|but)\s+(?:then\s+)?(\p{Ll}+ed|left|went|made|took|gave|got|came|kept|held|began|ran|sat|stood|won|lost|met|led|spent|sent|paid|put|set|cut|walked)\b/u
const CONJ_VERB = /(?:(?:,\s*|\s+)(?:but|and|while|yet)\s+(?:(?:also|then|later|still|has|had|have|\p{Ll}+ly)\s+)?|,\s*(?:(?:also|later|then|before|while|even)\s+)?(?=\p{Ll}+ing\b))([\p{L}]+)\b/gu

interface Frame { sentence: Sentence, quotes: Quote[], major: Quote[], all: Quote[] }

function trimEnd (text: string, start: number, end: number): number {
  while (end > start && /[\s.;,:!?\u2014\u2013-]/.test(text[end - 1]!)) end--
  return end
}

function inQuote (i: number, quotes: Quote[]): boolean {
  return quotes.some((q) => q.start <= i && i < q.end)
}

function wordsIn (text: string, r: Range): number {
  return (text.slice(r.start, r.end).match(/[\p{L}\p{N}]+/gu) ?? []).length
}

/** The candidates of one document, in text order. */
export function attribute (text: string, sents: Sentence[], quotes: Quote[], cues: Cue[]): Candidate[] {
  const out: Candidate[] = []
  let skipParagraph = -1
  for (const s of sents) {
    if (s.paragraph === skipParagraph) continue
    const sq = quotes.filter((q) => q.start >= s.start && q.start < s.end)
    const first = s.index === 0 || sents[s.index - 1]!.paragraph !== s.paragraph
    if (first) {
      const paraEnd = sents.filter((x) => x.paragraph === s.paragraph).pop()!.end
      const lab = labelled(text, s, paraEnd, quotes.filter((q) => q.start >= s.start && q.start < paraEnd))
      if (lab) {
        out.push(lab)
        skipParagraph = s.paragraph
        continue
      }
    }
    const frame: Frame = { sentence: s, quotes: sq, major: sq.filter((q) => q.major), all: quotes }
    const sc = cues.filter((c) => c.start >= s.start && c.end <= s.end && !inQuote(c.start, sq))
    let found = frame.major.length ? quoteSentence(text, frame, sc, out) : plainSentence(text, frame, sc)
    // a sentence whose quote is not framed by its attribution ("A fee that “nobody wanted” will
    // go, Smith said") is still an attribution: read it as a plain sentence
    if (!found.length && frame.major.length) found = plainSentence(text, frame, sc)
    for (const c of nounCues(text, frame)) if (!found.some((x) => x.content.start < c.content.end && c.content.start < x.content.end)) found.push(c)
    found.sort((a, b) => a.content.start - b.content.start)
    out.push(...found)
  }
  return out.filter((c) => c.rule !== 'pending-colon')
}

function quotedRanges (quotes: Quote[], r: Range): Range[] {
  return quotes.filter((q) => q.start >= r.start && q.end <= r.end + 1 && q.major).flatMap((q) => q.inner)
}

function candidate (text: string, f: Frame, cue: Cue, mention: Mention | null, content: Range, rule: string, forceDirect = false): Candidate {
  // a quote that runs on into the next paragraphs takes the evidence with it
  const runOn = f.major.find((q) => q.start >= content.start && q.start < content.end && q.end > content.end)
  if (runOn) content = { start: content.start, end: runOn.end }
  // Reported speech introduced by "that" ("said that Machado was “disgusting”") is indirect
  // speech with quoted words: its share of quoted words is counted over the clause with its
  // "that", as the corpus annotates the content (the evidence itself still starts after it).
  const that = /\bthat\s+$/i.exec(text.slice(Math.max(0, content.start - 6), content.start))
  const share = quotedShare(text, that ? { start: content.start - that[0].length, end: content.end } : content, f.quotes)
  const inside = f.quotes.filter((q) => (q.major || wordCount(text, q) >= MIN_WORDS) && q.start < content.end && q.end > content.start)
  const long = inside.some((q) => wordCount(text, q) >= LONG_QUOTE_WORDS)
  const direct = forceDirect || (inside.length > 0 && share >= (long ? DIRECT_SHARE_LONG : DIRECT_SHARE))
  return {
    // the speaker's own words in quote marks are a direct quote whatever the cue (graph-seed/README.md):
    // "According to Limbaugh, “...”" too
    attribution: direct ? 'direct-quote' : cue.kind === 'according-to' ? 'according-to' : 'paraphrase',
    cue,
    mention,
    content,
    quoted: direct ? quotedRanges(f.quotes, content) : [],
    sentence: f.sentence.index,
    paragraph: f.sentence.paragraph,
    rule,
  }
}

/** Content after a cue up to the sentence end, split at a second verb of the same subject. */
function clauseAfter (text: string, f: Frame, cue: Cue, mention: Mention | null, rule: string, cues: Cue[]): Candidate[] {
  const s = f.sentence
  const from = mention && mention.start > cue.end ? mention.end : cue.end
  const start = contentStart(text, { ...cue, end: from }, s.end)
  let end = trimEnd(text, start, s.end)
  // ", according to copy of the letter" closing a reported clause is the reporter's sourcing
  const acc = /,\s*according\s+to\b/.exec(text.slice(start, end))
  if (acc && !inQuote(start + acc.index, f.quotes)) end = trimEnd(text, start, start + acc.index)
  // '... to "burning the charter" - a charge that ...': a dash after a closed quote opens the reporter's aside
  const aside = /[”"]\s+(?:-{1,2}|[\u2014\u2013])\s+/.exec(text.slice(start, end))
  if (aside && inQuote(start + aside.index, f.quotes)) end = start + aside.index + 1
  // a trailing non-restrictive clause (", which ...", ", even as ...") is the reporter's, not the speaker's
  const tail = /,\s+(?:while|even\s+as|although|though)\b/.exec(text.slice(start, end))
  if (tail && !inQuote(start + tail.index, f.quotes) && wordsIn(text, { start, end: start + tail.index }) >= 3) end = trimEnd(text, start, start + tail.index)
  end = reportersTail(text, f, start, end)
  end = objectEnd(text, f, cue, start, end)
  // "says, “Don't do it,” until the shots ring out": a quote right after the verb is what was
  // said, and the clause that a conjunction opens after it is the reporter's
  const opening = f.major.find((q) => q.start === start && q.end < end)
  if (opening && /^\s*(?:until|as|when|while|before|after|because|then)\b/.test(text.slice(opening.end, end))) end = opening.end
  // 'urged voters to “vote your conscience” and left the stage': the subject's next act, after
  // the quote closed, is not part of what was said
  const closing = f.quotes.find((q) => {
    if (q.end <= start || q.end >= end || wordCount(text, q) < MIN_WORDS) return false
    const act = NEXT_ACT.exec(text.slice(q.end, end))
    return act !== null && !lemmaOf(act[1]!)
  })
  if (closing) end = closing.end
  const out: Candidate[] = []
  // another speaker's attribution inside the clause ("... that taxes rose, and Smith said that
  // ..." / "..., Smith boasted, “...”"): each token belongs to one attribution, so the first
  // content stops where the second speaker's clause begins
  for (const c2 of cues) {
    if (c2.start <= start || c2.start >= end || c2.kind !== 'verb' || WEAK_LEMMAS.has(c2.lemma) || NOUNISH.has(c2.text.toLowerCase()) || inQuote(c2.start, f.quotes)) continue
    const opensQuote = /^\s*[,:]\s*[“"]/.test(text.slice(c2.end, end))
    const subj2 = subjectBefore(text, start, c2.start, opensQuote)
    // (a description too when its verb opens a quote: "..., the 34-year-old mother of three replied, “...”")
    if (!subj2 || (subj2.kind !== 'name' && subj2.kind !== 'pronoun' && !(subj2.kind === 'description' && opensQuote)) || subj2.start <= start) continue
    const lead = /(?:[,;:\u2014\u2013\u2015]|\b(?:and|but|while|as|because|although|though|when|after|before))\s*$/.exec(text.slice(start, subj2.start))
    // ("footage of Ruiz saying, “...”": a named speaker's participle and the quote it opens)
    const saying = /ing$/.test(c2.text) && /^[^.;“”"]{0,60}?[,:]\s*[“"]/.test(text.slice(c2.end, end))
    if ((!lead && !saying) || (mention && subj2.name === mention.name)) continue
    const e1 = trimEnd(text, start, lead ? start + lead.index : subj2.start)
    const firstWords = wordsIn(text, { start, end: e1 })
    if (firstWords < 3 && !saying) continue
    let e2 = e1
    if (QUOTE_MARK.test(text[e2] ?? '') && quotedShare(text, { start, end: e2 + 1 }, f.quotes) > 0) e2++
    if (lead && firstWords >= 3) out.push(candidate(text, f, cue, mention, { start, end: e2 }, rule))
    out.push(...clauseAfter(text, f, c2, subj2, 'embedded-second-speaker', cues))
    return out
  }
  CONJ_VERB.lastIndex = start
  const body = text.slice(0, end)
  for (let m = CONJ_VERB.exec(body); m; m = CONJ_VERB.exec(body)) {
    const verbStart = m.index + m[0].length - m[1]!.length
    const lemma = lemmaOf(m[1]!)
    if (!lemma || inQuote(verbStart, f.quotes)) continue
    const second: Cue = cues.find((c) => c.start === verbStart) ?? { start: verbStart, end: verbStart + m[1]!.length, text: m[1]!, lemma, kind: 'verb' }
    const e1 = trimEnd(text, start, m.index)
    if (wordsIn(text, { start, end: e1 }) >= 2) out.push(candidate(text, f, cue, mention, { start, end: e1 }, rule))
    out.push(...clauseAfter(text, f, second, mention, 'conj-second-verb', cues))
    return out
  }
  // "did not respond to requests for comment": no content
  if (/^to\s+(?:requests?|questions?|a\s+request)\b/i.test(text.slice(start, end))) return out
  // (a verb's object may be one name: "attacked Machado")
  const oneName = OBJECT_LEMMAS.has(cue.lemma) && /^\p{Lu}[\p{L}.’'-]*$/u.test(text.slice(start, end)) && !ONLY_TIME.test(text.slice(start, end))
  if (end > start && (wordsIn(text, { start, end }) >= 2 || oneName)) {
    // keep a closing quote mark inside the span
    if (QUOTE_MARK.test(text[end] ?? '')) end++
    out.push(candidate(text, f, cue, mention, { start, end }, rule))
  }
  return out
}

// Verbs of an attitude or act toward something ("attacked Machado", "praised the plan", "called for
// more money"): what they report is their object, a noun phrase.
const OBJECT_LEMMAS = new Set(['attack', 'support', 'oppose', 'praise', 'criticize', 'criticise', 'blast', 'slam', 'cite',
  'highlight', 'reject', 'offer', 'endorse', 'welcome', 'condemn', 'decry', 'applaud', 'blame', 'defend', 'dismiss', 'mock',
  'echo', 'push', 'seek', 'demand', 'question', 'propose', 'recommend', 'tout', 'describe', 'label', 'dub', 'brand',
  'characterize', 'characterise', 'mention', 'discuss', 'detail', 'express', 'call', 'liken', 'encourage', 'lament'])
// Where a noun phrase object ends and the reporter's circumstances begin: when, where and how it
// was said ("attacked Machado | in early-morning tweets", "praised the plan | during a visit to
// Ohio"), or a clause of the reporter's after a comma (", focusing on ...", ", but ...").
const OBJECT_END = /\s+(?:in|during|since|at|on|after|before|amid|following|throughout|while|when)\s+(?:a|an|the|his|her|their|its|this|that|last|early|recent|\p{Lu}|\d)|\s+(?:but|while|when|as\s+(?:he|she|they|it|we|I)\b)|,\s+(?:but|and|which|who|while|when|since|if|so|even|\p{Ll}+ing)\b/gu
// a day or a time is no object ("attacked Tuesday")
const ONLY_TIME = new RegExp(`^${TIME_WORDS}$`, 'iu')
// A clause or a quote is not a noun phrase: "criticized that ...", "called for “a full inquiry”"
const NOT_OBJECT = /^(?:that|whether|if|how|what|why|when|where|who|to)\b|^[“"]/u

/** The end of a verb's object: the content of "attacked X in a tweet" is X. */
function objectEnd (text: string, f: Frame, cue: Cue, start: number, end: number): number {
  if (!OBJECT_LEMMAS.has(cue.lemma)) return end
  const span = text.slice(start, end)
  if (NOT_OBJECT.test(span)) return end
  const from = /^\S+/u.exec(span)?.[0].length ?? 0
  let at = -1
  OBJECT_END.lastIndex = from
  for (let m = OBJECT_END.exec(span); m; m = OBJECT_END.exec(span)) {
    if (!inQuote(start + m.index, f.quotes)) { at = start + m.index; break }
  }
  if (at < 0) return end
  // not inside a quote or a relative clause ("a seat that could decide the balance in the Senate"),
  // nor before a quote the object leads to, nor before a second reporting verb (", singing “...”":
  // clauseAfter splits there)
  if (/\b(?:that|who|which|whose|because|since|if|after|before|when|while)\b/u.test(text.slice(start, at))) return end
  if (f.major.some((q) => q.start >= at && q.start < end)) return end
  const next = /^[,\s]+(\p{L}+)/u.exec(text.slice(at, end))
  if (next && /ing$/u.test(next[1]!) && (lemmaOf(next[1]!) || /thing$/u.test(next[1]!))) return end
  return trimEnd(text, start, at)
}

/** A semicolon opens a new clause of the reporter's: the reported content ends before it. */
function reportersTail (text: string, f: Frame, start: number, end: number): number {
  // ", and the board met later": a coordinated clause with a subject of its own
  // (also after a quote that closes on its comma: "“jobs, jobs, jobs,” but he has ...")
  const coord = /(?:,|(?<=,)[”"])\s+(?:and|but|yet|so)\s+(?:(?:the|a|an|his|her|their|its|this|these|those)\s+\p{L}|(?:he|she|they|we|I)\s+\p{L})/u.exec(text.slice(start, end))
  if (coord && !inQuote(start + coord.index + coord[0].search(/\s/), f.quotes) && wordsIn(text, { start, end: start + coord.index }) >= 3) {
    end = trimEnd(text, start, start + coord.index)
    if (QUOTE_MARK.test(text[start + coord.index] ?? '')) end = start + coord.index + 1
  }
  const semi = /;/.exec(text.slice(start, end))
  if (!semi || inQuote(start + semi.index, f.quotes) || wordsIn(text, { start, end: start + semi.index }) < 2) return end
  return trimEnd(text, start, start + semi.index)
}

function quoteSentence (text: string, f: Frame, cues: Cue[], prior: Candidate[]): Candidate[] {
  const s = f.sentence
  const first = f.major[0]!
  // Two passes: a quote closed by its own attribution ("“...,” the union wrote") first, then a
  // speaker before the quote ("it said Molloy would ...: “...”" loses to the union's "wrote")
  // (each cue's speaker is found once, for both passes)
  const readings = cues.flatMap((cue) => {
    if (cue.kind === 'according-to') return []
    const before = f.quotes.filter((q) => q.end <= cue.start)
    const lastBefore = before[before.length - 1]
    const nextAfter = f.quotes.find((q) => q.start >= cue.end)
    const subj = subjectBefore(text, lastBefore ? lastBefore.end : s.start, cue.start, true)
    const objTo = nextAfter ? nextAfter.start : s.end
    // who follows "telling" or "told" is the hearer ("telling Keane that “...”"), never the speaker
    const invertible = INVERTIBLE.has(cue.lemma) && !OBJECT_FIRST.has(cue.lemma) && !/ing$/.test(cue.text)
    const obj = subj || !invertible ? null : subjectAfter(text, cue.end, objTo) ?? descriptionAfter(text, cue.end, objTo)
    const mention = nounishOk(cue, subj) ? subj ?? obj : obj
    return mention ? [{ cue, subj, mention }] : []
  })
  for (const pass of [0, 1]) {
    for (const { cue, subj, mention } of readings) {
      const majorBefore = f.major.filter((q) => q.end <= cue.start)
      const gapStart = majorBefore.length ? majorBefore[majorBefore.length - 1]!.end : -1
      const gapEnd = Math.min(cue.start, mention.start)
      // (a plain modifier may open the speaker phrase: "“...,” veteran nurse Ana Lopez said")
      // (the first pass takes only a speaker right after the quote: "“...” the union wrote", not
      // "“...,” when Clinton blasted him" or "“...,” while 73 percent said the same")
      const gapRe = pass === 0 ? /^[\s,\u2014\u2013-]*$/u : /^[\s,\u2014\u2013-]*(?:\p{Ll}+\s+){0,2}$/u
      // (or the description a named appositive follows: "“...!” Molloy's niece, state Del. Marta Ruiz, shouted")
      const gapText = text.slice(gapStart, gapEnd)
      const describedBefore = mention.rule === 'speaker-appositive-name' && /^\s*(?:[\p{L}\p{N}’'.-]+\s+){0,5}[\p{L}\p{N}’'.-]+,\s*$/u.test(gapText)
      if (majorBefore.length && (gapRe.test(gapText) || describedBefore)) {
        // "“...,” said Brendan Carr" / "“...,” Carr said" (and "“A,” he said, “B.”")
        const startQ = majorBefore[0]!
        // "With thousands of systems, “there is no single point of failure,” he said": the lead-in is part of what was said
        const lead = text.slice(s.start, startQ.start)
        // (so is a short subject whose predicate the quote goes on with: Ruiz “is the best choice,” ...)
        const quoteGoesOn = /^\p{Ll}/u.test(text.slice(startQ.inner[0]?.start ?? startQ.start, startQ.end)) && !/[,.;:!?]\s*$/.test(lead) && wordsIn(text, { start: s.start, end: startQ.start }) <= 5
        const leadIn = lead.trim() && (/,\s*$/.test(lead) || quoteGoesOn) && wordsIn(text, { start: s.start, end: startQ.start }) <= 12 && !cues.some((c) => c.start < startQ.start)
        const speakerEnd = Math.max(cue.end, mention.end)
        // a quote later in the sentence continues this one only when little stands between
        const after0 = f.major.filter((q) => q.start >= cue.end)
        const gap = after0.length ? text.slice(speakerEnd, after0[0]!.start) : ''
        // ("“A,” he said, but “B.”": a bare conjunction keeps the speaker's words going)
        const after = after0.length && gap.length <= 60 && (!/\b(?:but|and|while|as|when|because|who|which)\b/.test(gap) || /^[\s,]*(?:but|and)(?:\s+(?:still|also|then|later|even|\p{Ll}+ly))?\s*$/u.test(gap.replace(/^[^,]*?(?=,)/, ''))) ? after0 : []
        const rule = subj ? 'quote-speaker-verb-after' : 'quote-verb-speaker-after'
        const second = after.length ? cues.find((c) => c.kind === 'verb' && c.start >= speakerEnd && c.end <= after[0]!.start) : undefined
        if (second) {
          // "“A,” he said, adding that “B.”": two statements, one per reporting verb
          const firstPart = candidate(text, f, cue, mention, { start: leadIn ? s.start : startQ.start, end: majorBefore[majorBefore.length - 1]!.end }, rule, true)
          const rest = clauseAfter(text, f, second, mention, 'quote-then-second-verb', cues)
          return [firstPart, ...rest]
        }
        const end = after.length ? after[after.length - 1]!.end : majorBefore[majorBefore.length - 1]!.end
        return [candidate(text, f, cue, mention, { start: leadIn ? s.start : startQ.start, end }, after.length ? rule + '-split' : rule, true)]
      }
      if (pass === 0) continue
      if (cue.start < first.start || (mention.start > cue.end && cue.start < first.end)) {
        // "Carr said: “...”" / "Carr argued that TikTok “...”"
        const rule = /:\s*$/.test(text.slice(cue.end, first.start)) ? 'speaker-verb-colon-quote' : 'speaker-verb-clause'
        const found = clauseAfter(text, f, cue, mention, rule, cues)
        // ("..., “...,” but he said that ...": a clause the content stopped before has its own report)
        if (found.length) return [...found, ...plainSentence(text, f, cues.filter((c) => c.start > cue.end), found[found.length - 1]!.content.end)]
      }
    }
  }
  const lastQ = f.major[f.major.length - 1]!
  // "According to Limbaugh, “...”" / "“...,” according to the letter"
  const acc = cues.find((c) => c.kind === 'according-to')
  if (acc) {
    const src = subjectAfter(text, acc.end, s.end, 'speaker-according-to') ?? phraseAfter(text, acc.end, s.end)
    if (src) {
      // ("According to the complaint, the firm ran a “massive scheme” for years": what follows the
      // source and its comma is the content, quoted or not)
      let comma = text.indexOf(',', src.end)
      // (the source's own relative clause, ", who asked not to be named,", is not the content)
      if (comma >= 0 && /^\s*(?:who|whose|which)\b/.test(text.slice(comma + 1, first.start))) comma = text.indexOf(',', comma + 1)
      let lead = comma >= 0 && comma < first.start ? comma + 1 : first.start
      while (lead < first.start && /\s/.test(text[lead]!)) lead++
      const tail = trimEnd(text, s.start, s.end)
      const content = acc.start < first.start
        ? { start: lead, end: Math.max(lastQ.end, QUOTE_MARK.test(text[tail] ?? '') ? tail + 1 : tail) }
        : { start: first.start, end: Math.min(lastQ.end, trimEnd(text, s.start, acc.start)) }
      if (content.end > content.start) return [candidate(text, f, acc, src, content, 'quote-according-to')]
    }
  }
  // "“...” ― Carla Sanchez": a dash and a name after the quote
  const dash = /^\s*[\u2015\u2014\u2013]{1,2}\s*|^\s*--?\s+/.exec(text.slice(lastQ.end, s.end))
  if (dash && first.start - s.start <= 1) {
    const at = lastQ.end + dash[0].length
    const who = subjectAfter(text, at, s.end, 'speaker-after-dash')
    if (who && /^[\s.,]*$/.test(text.slice(who.end, s.end).replace(/^,[^.]*/, ''))) {
      const cue: Cue = { start: lastQ.end + dash[0].search(/\S/), end: lastQ.end + dash[0].trimEnd().length, text: dash[0].trim(), lemma: 'say', kind: 'verb' }
      return [candidate(text, f, cue, who, { start: first.start, end: lastQ.end }, 'quote-dash-speaker', true)]
    }
  }
  // "He said:" closing the paragraph before: the quote is his
  const prevColon = prior[prior.length - 1]
  if (prevColon && prevColon.rule === 'pending-colon' && prevColon.paragraph >= f.sentence.paragraph - 1 && first.start - s.start <= 1) {
    prior.pop()
    return [{ ...candidate(text, f, prevColon.cue, prevColon.mention, { start: first.start, end: lastQ.end }, 'speaker-verb-colon-paragraph', true) }]
  }
  // no attribution in this sentence
  if (first.start - s.start <= 1 && /^[\s.,!?]*$/.test(text.slice(f.major[f.major.length - 1]!.end, s.end))) {
    const prev = prior[prior.length - 1]
    const content = { start: first.start, end: f.major[f.major.length - 1]!.end }
    if (prev && prev.mention && f.sentence.paragraph - prev.paragraph <= 1) {
      // the second half of a split quote: "“A,” he said. “B.”" is one statement
      // (and so is "Smith said the plan was sound. “We checked it twice.”" in one paragraph:
      // the quote goes on with what the sentence before reported)
      // (a title or a nickname in quotes between them does not end it: “A,” Reyes said on “Coffee Hour.” “B.”)
      const quoteBetween = f.all.some((q) => q.major && q.start >= prev.content.end && q.end <= first.start)
      if (prev.paragraph === f.sentence.paragraph && prev.cue.kind === 'verb' && !quoteBetween && (prev.attribution === 'direct-quote' || prev.sentence === s.index - 1)) {
        prev.content = { start: prev.content.start, end: content.end }
        prev.quoted = [...prev.quoted, ...f.major.flatMap((q) => q.inner)]
        if (prev.attribution === 'paraphrase' && quotedShare(text, prev.content, f.all) >= DIRECT_SHARE) {
          prev.attribution = 'direct-quote'
          prev.quoted = quotedRanges(f.all, prev.content)
        }
        prev.rule += '-split'
        return []
      }
      return [{ ...candidate(text, f, prev.cue, null, content, 'quote-previous-speaker', true), inherited: true }]
    }
  }
  return []
}

// "Smith's claim that ...", "her warning that ...": a noun of saying with its owner and a clause
const NOUN_CUE = /(?<![\p{L}’'])((?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{L}.-]*[’']s|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:(?:earlier|latest|repeated|own|new|false|public|stern)\s+)?(claim|assertion|argument|belief|view|promise|pledge|warning|suggestion|contention|insistence|fear|hope|charge|allegation|accusation|assessment|prediction|admission|vow|threat)s?\s+(?=that\b)/gu

function nounCues (text: string, f: Frame): Candidate[] {
  const s = f.sentence
  const out: Candidate[] = []
  const body = text.slice(0, s.end)
  NOUN_CUE.lastIndex = s.start
  for (let m = NOUN_CUE.exec(body); m; m = NOUN_CUE.exec(body)) {
    if (inQuote(m.index, f.quotes)) continue
    const owner = m[1]!
    const possessive = /^(?:his|her|their|its)$/i.test(owner)
    const name = owner.replace(/[’']s$/, '')
    const mention: Mention = possessive
      ? { start: m.index, end: m.index + owner.length, text: owner, kind: 'pronoun', name: owner, rule: 'speaker-possessive-pronoun' }
      : { start: m.index, end: m.index + name.length, text: name, kind: 'name', name, rule: 'speaker-possessive-name' }
    if (!possessive && /^(?:the|a|an|this|that)\s/i.test(name)) continue
    const nounStart = m.index + m[0].length - m[0].slice(owner.length).trimStart().length
    const noun = m[2]!
    const cueStart = text.indexOf(noun, nounStart)
    const cue: Cue = { start: cueStart, end: cueStart + noun.length, text: noun, lemma: noun, kind: 'verb' }
    const start = m.index + m[0].length
    let end = trimEnd(text, start, s.end)
    end = reportersTail(text, f, start, end)
    const tail = /,\s+(?:which|whose|while|even\s+as|although|though|despite)\b/.exec(text.slice(start, end))
    if (tail) end = trimEnd(text, start, start + tail.index)
    if (wordsIn(text, { start, end }) >= 3) out.push(candidate(text, f, cue, mention, { start, end }, 'noun-cue-that'))
  }
  return out
}

const PAST = /(?:ed|said|told|wrote|spoke|thought|knew|felt|found|sought|sang)$/

/**
 * The subject opening a sentence. A capitalised first word may be a plain adjective ("Small
 * groups of protesters walked ..."): then the phrase runs on through "groups of protesters".
 */
function sentenceSubject (text: string, from: number, to: number): Mention | null {
  // "Chastened by the analyses, Trump revised his plan": an opening participle phrase is no subject
  const opener = /^\p{Lu}\p{Ll}+(?:ed|ing)\s+\p{Ll}[^,]{0,80},\s*/u.exec(text.slice(from, to))
  if (opener) from += opener[0].length
  const m = subjectAfter(text, from, to, 'speaker-main-clause')
  if (!m || m.kind !== 'name' || m.start !== from || /\s/.test(m.text)) return m
  const of = /^\s+\p{Ll}+s\s+of\s+(?:(?:the|a|an|his|her|their)\s+)?\p{Ll}+/u.exec(text.slice(m.end, to))
  if (!of) return m
  const phrase = text.slice(m.start, m.end + of[0].length)
  return { start: m.start, end: m.end + of[0].length, text: phrase, kind: 'description', name: phrase, role: phrase, rule: 'speaker-main-clause-description' }
}

/** "“...,” said the report.": a determiner and plain words closing the clause after an inverted verb. */
function descriptionAfter (text: string, from: number, to: number): Mention | null {
  const m = /^\s+((?:the|a|an|its|his|her|their)\s+(?:[\p{L}’'-]+\s+){0,3}?\p{Ll}[\p{Ll}-]*)(?=\s*(?:[.,;!?]|$))/u.exec(text.slice(from, to))
  if (!m) return null
  const start = from + m[0].length - m[1]!.length
  const phrase = m[1]!
  const name = phrase.replace(/^(?:the|a|an)\s+/i, '')
  return { start, end: start + phrase.length, text: phrase, kind: 'description', name, role: name, rule: 'speaker-after-cue-description' }
}

/** "according to show insiders": whatever follows, up to the next comma, is the source. */
function phraseAfter (text: string, from: number, to: number): Mention | null {
  const m = /^\s*([^,.;:“”"()]{2,80}?)(?=\s*(?:[,.;:“”"(]|$))/u.exec(text.slice(from, to))
  if (!m || !/\p{L}/u.test(m[1]!)) return null
  const start = from + m[0].length - m[1]!.length
  const phrase = m[1]!
  return { start, end: start + phrase.length, text: phrase, kind: 'description', name: phrase.replace(/^(?:the|a|an)\s+/i, ''), role: phrase.replace(/^(?:the|a|an)\s+/i, ''), rule: 'speaker-according-to-phrase' }
}

// "Pence: Gennifer Flowers won't be at the debate" (headlines) and "WALLACE: Let's start" (transcripts)
const LABEL = /^(["\u201c]?)((?:Mr\.\s|Mrs\.\s|Ms\.\s|Dr\.\s)?\p{Lu}[\p{L}.’'-]*(?:\s\p{Lu}[\p{L}.’'-]*){0,3}):\s+(?=\S)/u
const NOT_LABELS = new Set(['related', 'photograph', 'photo', 'update', 'updated', 'note', 'editor’s note', "editor's note", 'watch', 'read', 'video', 'correction', 'source', 'sources', 'getty', 'transcript', 'caption', 'credit', 'image', 'warning', 'breaking', 'exclusive', 'analysis', 'opinion', 'live', 'q', 'a', 'question', 'answer', 'example', 'also', 'see', 'more', 'advertisement', 'subscribe', 'follow'])

/** A paragraph that opens with a speaker label and a colon: the rest of it is the speaker's. */
export function labelled (text: string, s: Sentence, paraEnd: number, quotes: Quote[]): Candidate | null {
  const m = LABEL.exec(text.slice(s.start, Math.min(paraEnd, s.start + 60)))
  if (!m || NOT_LABELS.has(m[2]!.toLowerCase())) return null
  const nameStart = s.start + m[1]!.length
  const nameEnd = nameStart + m[2]!.length
  const cue: Cue = { start: nameEnd, end: nameEnd + 1, text: ':', lemma: 'say', kind: 'verb' }
  const mention = subjectAfter(text, nameStart, nameEnd, 'speaker-label')
  if (!mention) return null
  const content = { start: s.start + m[0].length, end: trimEnd(text, s.start, paraEnd) }
  if (wordsIn(text, content) < 3) return null
  const f: Frame = { sentence: s, quotes, major: quotes.filter((q) => q.major), all: quotes }
  const quoted = m[1] ? true : undefined
  return candidate(text, f, cue, mention, content, quoted ? 'label-colon-quote' : 'label-colon', quoted)
}

/** A noun-like form ("plan", "report") is a verb only after a name, a pronoun or a role noun. */
function nounishOk (cue: Cue, subj: Mention | null): boolean {
  if (!subj || !NOUNISH.has(cue.text.toLowerCase())) return true
  return subj.kind === 'pronoun' || subj.kind === 'relative' || ((subj.kind === 'name' || subj.kind === 'description') && !/-common-noun$/.test(subj.rule) && !/[’']s$/.test(subj.text))
}

function plainSentence (text: string, f: Frame, cues: Cue[], from = f.sentence.start): Candidate[] {
  const s = f.sentence
  const out: Candidate[] = []
  let consumed = from
  // (the rest of a sentence whose first report is drafted: only a subject and its verb start another)
  const continuing = from > s.start
  for (const cue of cues) {
    if (cue.start < consumed) continue
    if (cue.kind === 'according-to') continue
    // a verb of saying that cannot be a noun ("said", "told", "argues") takes a common-noun
    // subject too ("the bank said", "one study argues"); a form that may be a noun does not
    const sure = !WEAK_LEMMAS.has(cue.lemma) && !NOUNISH.has(cue.text.toLowerCase()) && !/ing$/.test(cue.text) &&
      // a passive ("was announced") has no speaker before it
      !/\b(?:is|was|were|are|be|been|being)\s+(?:\p{L}+ly\s+)?$/u.test(text.slice(Math.max(0, cue.start - 24), cue.start))
    const by = /(?:ed|en|wn|ld|id|ht)$/.test(cue.text) ? /^\s+by\s+/.exec(text.slice(cue.end, s.end)) : null
    if (by) {
      // "The plan was endorsed by the union": a passive; its subject is what was said, and the
      // agent after "by" said it
      const what = subjectBefore(text, consumed, cue.start, true)
      const agent = what ? subjectAfter(text, cue.end + by[0].length, s.end, 'speaker-passive-agent') : null
      if (what && agent) {
        out.push(candidate(text, f, cue, agent, { start: what.start, end: what.end }, 'passive-by-agent'))
        consumed = agent.end
        continue
      }
    }
    let subj0 = subjectBefore(text, consumed, cue.start, sure)
    // "The mayor met the council and said ...": a phrase after a verb and before "and" is that
    // verb's object; the one who said it is the sentence's subject (tried below)
    if (subj0 && /\s(?:and|but)\s+$/.test(text.slice(subj0.end, cue.start)) && /(?:^|\s)(?:\p{Ll}+ed|met|told|saw|took|gave|got|made|left|sent|won|lost)\s+$/u.test(text.slice(s.start, subj0.start)) &&
      !/\b(?:and|or|of|with|to|for|by|from|in|on|at|that|than|as)\s+$/.test(text.slice(s.start, subj0.start))) subj0 = null
    const subj = nounishOk(cue, subj0) ? subj0 : null
    if (subj) {
      const rest = text.slice(cue.end, s.end)
      const comma = text.lastIndexOf(',', subj.start)
      if (/^\s*:\s*$/.test(rest) && subj.start - s.start < 40) {
        // "Caddell continued:" ends the paragraph; the quote follows in the next one
        out.push({ ...candidate(text, f, cue, subj, { start: cue.start, end: cue.end }, 'pending-colon') })
        consumed = s.end
        break
      }
      // after the verb: a few words ("on Friday", "in a statement") and the end, or the hearer of
      // "told" ("told The Daily Planet on Thursday"), or a comma and a clause of the reporter's
      // (", as they ...", ", adding that ...")
      const saying = !WEAK_LEMMAS.has(cue.lemma)
      const reporters = saying && /^\s*(?:[\p{L}\d]+\s*){0,3},\s*(?:as|while|when|after|before|which|who|(?:add|say|not|referr?|referenc|argu|explain|insist|warn)ing)\b/u.test(rest)
      const parenthetical = saying && !reporters && /^\s*,\s*\p{Ll}/u.test(rest)
      if ((/^\s*(?:\p{L}+\s*){0,3}[.!?]?\s*$/u.test(rest) || (HEARER_VERBS.has(cue.lemma) && /^\s*(?:[\p{L}.’'-]+\s*){1,6}[.!?]?\s*$/u.test(rest)) || /^\s*(?:\p{L}+\s*){0,3},\s*(?:and|but)\b/u.test(rest) || reporters || parenthetical) && !continuing && comma > s.start && wordsIn(text, { start: s.start, end: comma }) >= 3 && /^\s*$/.test(text.slice(comma + 1, subj.start))) {
        // "The economy is strong, Smith said." And "The economy, Smith said, is strong": the words
        // on both sides are the content, the short attribution inside counts for little
        let end = parenthetical ? trimEnd(text, s.start, s.end) : trimEnd(text, s.start, comma)
        // the reporter's own tail (", although ...", ", compared with ...") is not the speaker's
        const tail = parenthetical ? /,\s+(?:which|whose|even\s+as|although|though|despite|compared)\b/.exec(text.slice(cue.end, end)) : null
        if (tail) end = trimEnd(text, s.start, cue.end + tail.index)
        out.push(candidate(text, f, cue, subj, { start: s.start, end }, parenthetical ? 'clause-parenthetical-speaker-verb' : 'clause-comma-speaker-verb'))
        // "..., Smith said, adding that ...": the participle reports more of the same speaker's words
        const more = cues.find((c) => c.start > cue.end && c.kind === 'verb' && /ing$/.test(c.text) && /,\s*$/.test(text.slice(cue.end, c.start)))
        if (more) out.push(...clauseAfter(text, f, more, subj, 'participle-same-subject', cues))
        consumed = s.end
        break
      }
      const found = clauseAfter(text, f, cue, subj, 'speaker-verb-that', cues)
      if (found.length) {
        out.push(...found)
        consumed = found[found.length - 1]!.content.end
        continue
      }
      continue
    }
    const before = text.slice(s.start, cue.start)
    // "Trump attacked Clinton, saying she lied", "... walked the streets while chanting, “...”",
    // "... outlined his plan and vowed to ...": a second verb of the subject that opens the sentence
    // (after "and", a verb in the past only: "needs to sell herself and tell jokes" is no report; and
    // not past a subordinate clause, which has a subject of its own: "... when the police found her
    // and told her")
    const second = (/,\s*$/.test(before) && /ing$/.test(cue.text)) || (/\b(?:while|as|before|after)\s+$/.test(before) && /ing$/.test(cue.text)) ||
      (/\s(?:and|but)\s+$/.test(before) && PAST.test(cue.text) && !WEAK_LEMMAS.has(cue.lemma))
    if (second && s.start < cue.start) {
      const main = sentenceSubject(text, s.start, cue.start)
      if (main && main.end < cue.start - 2 && (/ing$/.test(cue.text) || !/\b(?:when|while|because|if|after|before|although|though|until|whether)\b/.test(text.slice(main.end, cue.start)))) {
        const found = clauseAfter(text, f, cue, main, /ing$/.test(cue.text) ? 'participle-main-subject' : 'conj-main-subject', cues)
        if (found.length) {
          out.push(...found)
          consumed = found[found.length - 1]!.content.end
          continue
        }
      }
    }
    if (/,\s*$/.test(before) && s.start < cue.start) {
      // "The economy is strong, said Smith."
      const obj = INVERTIBLE.has(cue.lemma) ? subjectAfter(text, cue.end, s.end) : null
      if (obj && /^[\s.!?]*$/.test(text.slice(obj.end, s.end).replace(/^\s+(?:in|at|of|for|with|from|on)\b[^.,]*/, '').replace(/^,[^.]*/, ''))) {
        out.push(candidate(text, f, cue, obj, { start: s.start, end: trimEnd(text, s.start, before.lastIndexOf(',') + s.start) }, 'clause-comma-verb-speaker'))
        consumed = s.end
        break
      }
    }
  }
  if (out.length || continuing) return out
  const acc = cues.find((c) => c.kind === 'according-to')
  if (acc) {
    const obj = subjectAfter(text, acc.end, s.end, 'speaker-according-to') ?? phraseAfter(text, acc.end, s.end)
    if (obj) {
      let content: Range
      if (acc.start - s.start <= 1) {
        const comma = text.indexOf(',', obj.end)
        content = { start: comma > 0 && comma < s.end ? comma + 1 : obj.end, end: trimEnd(text, s.start, s.end) }
        while (content.start < content.end && /\s/.test(text[content.start]!)) content.start++
      } else {
        content = { start: s.start, end: trimEnd(text, s.start, acc.start) }
      }
      if (wordsIn(text, content) >= 3) out.push(candidate(text, f, acc, obj, content, 'according-to'))
    }
  }
  return out
}
