// Stage 4: the speaker mention next to a cue: the subject before it ("Carr said", "Shou Zi Chew,
// TikTok's chief executive, wrote"), or the subject after it ("said Brendan Carr, the FCC
// commissioner"; "according to the letter"). Titles and appositives give the speaker's role.
import type { Mention, MentionKind } from './types.js'

interface Tok { start: number, end: number, text: string, lower: string }

// Combining marks stay inside a word (decomposed text: "Franc\u0327ois"), and so does what text
// decoded twice leaves there (UTF-8 read as Latin-1 spells "François" as "FranÃ\u0083Â§ois"): C1
// controls, and a Latin-1 symbol right after "Ã", "Â", a mark or such a control
// ("9/11" is one word too: "said 9/11 widow Terry Strada")
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}’'.&\u0080-\u009f-]|(?<=\p{N})\/(?=\p{N})|(?<=[\u00c2\u00c3\p{M}\u0080-\u009f])[\u00a1-\u00bf])*|[^\s\p{L}\p{N}]/gu

function tokens (text: string, start: number, end: number): Tok[] {
  const out: Tok[] = []
  const slice = text.slice(start, end)
  for (const m of slice.matchAll(TOKEN)) {
    let t = m[0]
    // a full stop that ends the sentence is not part of the word (but "Mr." keeps its own)
    if (t.length > 1 && t.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(t) && !HONORIFICS.has(t.toLowerCase()) && !TITLES.has(t.toLowerCase())) t = t.slice(0, -1)
    const s = start + m.index
    out.push({ start: s, end: s + t.length, text: t, lower: t.toLowerCase() })
  }
  return out
}

export const PRONOUNS = new Map<string, 'person' | 'organisation' | 'group' | 'any'>([
  ['he', 'person'], ['she', 'person'], ['i', 'person'], ['it', 'organisation'], ['they', 'group'], ['we', 'group'], ['you', 'any'],
])
const RELATIVES = new Set(['who', 'which'])
const HONORIFICS = new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'mr', 'mrs', 'ms', 'dr'])
const TITLES = new Set([
  'sen.', 'rep.', 'gov.', 'gen.', 'lt.', 'col.', 'sgt.', 'capt.', 'prof.', 'rev.', 'sen', 'rep', 'gov',
  'del.', 'adm.', 'maj.', 'cmdr.', 'supt.', 'atty.', 'assemblyman', 'assemblywoman', 'delegate',
  'captain', 'lieutenant', 'sergeant', 'colonel', 'admiral', 'commander',
  'senator', 'president', 'governor', 'secretary', 'commissioner', 'judge', 'justice', 'chairman', 'chairwoman',
  'mayor', 'representative', 'congressman', 'congresswoman', 'speaker', 'leader', 'director', 'attorney', 'general',
  'minister', 'chancellor', 'sheriff', 'chief', 'vice', 'former', 'candidate', 'nominee', 'pastor', 'bishop', 'pope',
  'king', 'queen', 'prince', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'adviser', 'advisor', 'aide',
  'analyst', 'professor', 'coach', 'host', 'anchor', 'author', 'lawyer', 'founder', 'ceo', 'manager', 'strategist',
])
// Lower-case words that can sit inside a speaker's noun phrase ("the FCC commissioner").
export const ROLE_NOUNS = new Set([
  ...TITLES,
  'spokesman', 'spokeswoman', 'spokesperson', 'campaign', 'commissioner', 'official', 'officials', 'aide', 'aides', 'adviser', 'advisers',
  'chairman', 'chair', 'director', 'executive', 'executives', 'officer', 'senators', 'lawmakers', 'lawmaker', 'legislators',
  'company', 'firm', 'group', 'party', 'committee', 'agency', 'department', 'administration', 'government', 'ministry', 'office',
  'report', 'poll', 'survey', 'study', 'statement', 'letter', 'memo', 'email', 'lawsuit', 'complaint', 'ad', 'video', 'clip', 'spot',
  'analysts', 'experts', 'expert', 'critics', 'supporters', 'voters', 'residents', 'people', 'police', 'authorities', 'officers',
  'republicans', 'democrats', 'members', 'member', 'staff', 'staffer', 'staffers', 'sources', 'source', 'researchers', 'scientists',
  'economists', 'historians', 'organizers', 'organisers', 'activists', 'leaders', 'candidates', 'nominee', 'candidate', 'newspaper',
  'paper', 'magazine', 'network', 'website', 'site', 'organization', 'organisation', 'union', 'council', 'court', 'panel', 'board',
  'team', 'manager', 'chief', 'press', 'secretary', 'communications', 'presidential', 'vice', 'former', 'deputy', 'senior', 'top',
  'national', 'state', 'federal', 'general', 'attorney', 'counsel', 'lawyer', 'lawyers', 'attorneys', 'prosecutors', 'prosecutor',
  'judge', 'governor', 'mayor', 'president', 'host', 'anchor', 'reporter', 'reporters', 'journalist', 'correspondent', 'editor', 'editorial',
  'foundation', 'institute', 'center', 'centre', 'data', 'research', 'security', 'information', 'technology', 'democratic', 'republican',
  'conservative', 'liberal', 'progressive', 'independent', 'white', 'house', 'cloud', 'computing', 'narrator', 'announcer', 'host',
  // people named by what befell them ("9/11 widow Terry Strada")
  'widow', 'widower', 'victim', 'victims', 'survivor', 'survivors',
  // people named by their work
  'doctor', 'doctors', 'physician', 'nurse', 'teacher', 'teachers', 'priest', 'scholar', 'scholars', 'economist', 'historian',
  'columnist', 'commentator', 'commentators', 'pollster', 'pollsters', 'consultant', 'consultants', 'activist', 'lobbyist',
  'diplomat', 'diplomats', 'negotiator', 'negotiators', 'investigator', 'investigators', 'scientist', 'researcher', 'professor',
  'regulator', 'regulators', 'percent', 'brief', 'filing', 'memo', 'majority', 'minority', 'speaker', 'whip', 'leader', 'nonpartisan', 'bipartisan', 'independent', 'political', 'economic', 'foreign',
])
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'one', 'two', 'three', 'several', 'many', 'some', 'most', 'other', 'another', 'each', 'every', 'any', 'both', 'all', 'my', 'your'])
const CONNECTORS = new Set(['of', 'for', 'at', 'in', 'from', 'and', '&', 'de', 'van', 'von', 'du', 'la', 'le'])
// Capitalised words that open a sentence without being part of a name.
const NOT_NAMES = new Set([
  'but', 'and', 'so', 'yet', 'however', 'meanwhile', 'still', 'now', 'then', 'also', 'when', 'while', 'after', 'before', 'in', 'on',
  'at', 'as', 'if', 'because', 'although', 'though', 'last', 'this', 'that', 'these', 'those', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'yesterday', 'today', 'earlier', 'later', 'separately', 'instead', 'indeed', 'moreover', 'or', 'nor',
  'where', 'why', 'how', 'what', 'there', 'here', 'since', 'until', 'during', 'with', 'without', 'for', 'from', 'by', 'to', 'not', 'no',
  'asked', 'speaking', 'according', 'like', 'unlike', 'even', 'only', 'just', 'both', 'all', 'each', 'every', 'photograph', 'related',
])
// Words between a subject and its reporting verb: "Carr had argued", "she also said".
const AUXILIARIES = new Set([
  'also', 'later', 'then', 'has', 'had', 'have', 'would', 'will', 'previously', 'once', 'repeatedly', 'recently', 'again', 'is', 'was',
  'were', 'are', 'reportedly', 'publicly', 'privately', 'just', 'still', 'often', 'frequently', 'initially', 'first', 'further', 'only',
  'simply', 'even', 'already', 'never', 'long', 'been', 'being', 'may', 'might', 'could', 'should', 'can', 'did', 'does', 'do', 'not',
  'always', 'openly', 'flatly', 'quickly', 'immediately', 'separately', 'similarly', 'specifically', 'explicitly', 'recently', 'famously',
])

// Words that never sit inside a subject noun phrase of the loose kind.
const FUNCTION_WORDS = new Set(['to', 'by', 'with', 'about', 'into', 'onto', 'over', 'under', 'than', 'as', 'on', 'of', 'in', 'at', 'for', 'from', 'up', 'out', 'off', 'not', 'no', 'so', 'very', 'more', 'most', 'less', 'what', 'which', 'who', 'whom', 'whose', 'where', 'when', 'how', 'why', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'him', 'them', 'us', 'me', 'there', 'here', 'if', 'or', 'nor'])
// Words after which a new clause, and so a subject, may begin.
const CLAUSE_OPENERS = new Set(['and', 'but', 'while', 'although', 'though', 'because', 'as', 'since', 'that', 'when', 'if', 'so', 'yet', 'whereas', 'after', 'before', 'even', 'until', 'once', 'however', 'meanwhile', 'also', 'now', 'still', 'then'])
const DASHES = new Set(['-', '\u2014', '\u2013', '\u2015'])
const VERBISH = new Set(['is', 'was', 'were', 'are', 'has', 'had', 'have', 'did', 'does', 'will', 'would', 'said', 'says', 'can', 'could', 'should', 'and', 'but', 'if', 'when', 'because'])

/** An appositive is a noun phrase ("TikTok's chief executive"), not a clause. */
function apposLike (toks: Tok[]): boolean {
  if (toks.length > 16) return false
  // "one of the lawmakers who had spoken out": a relative clause may follow the noun
  const rel = toks.findIndex((t) => RELATIVES.has(t.lower) || t.lower === 'that')
  if (rel >= 0) toks = toks.slice(0, rel)
  // "and" joins clauses, except before a determiner ("the club's coach and its captain")
  return !toks.some((t, i) => (VERBISH.has(t.lower) && !(t.lower === 'and' && DETERMINERS.has(toks[i + 1]?.lower ?? ''))) || (/^\p{Ll}+ed$/u.test(t.text) && !ROLE_NOUNS.has(t.lower) && !/^(?:retired|elected|appointed|united|based)$/.test(t.lower)))
}

const isCap = (t: Tok): boolean => /^[\p{Lu}]/u.test(t.text) || /^\p{N}/u.test(t.text)
const isPossessive = (t: Tok): boolean => /[’']s$/.test(t.text) || /s[’']$/.test(t.text)
const isWordish = (t: Tok): boolean => /^[\p{L}\p{N}]/u.test(t.text)

function npToken (t: Tok, prev?: Tok): boolean {
  if (!isWordish(t)) return false
  if (prev && isPossessive(prev) && isCap(prev) && /^\p{Ll}+$/u.test(t.text)) return true
  if (isCap(t)) return !NOT_NAMES.has(t.lower) || t.lower === 'may'
  return ROLE_NOUNS.has(t.lower) || CONNECTORS.has(t.lower) || DETERMINERS.has(t.lower) || isPossessive(t) || /^\p{N}/u.test(t.text)
}

/** A mention from the noun-phrase tokens; null when they do not make a speaker. */
function mentionOf (text: string, toks: Tok[], rule: string): Mention | null {
  // trim what cannot start or end a speaker phrase
  let a = 0; let b = toks.length
  while (a < b && (CONNECTORS.has(toks[a]!.lower) || (isCap(toks[a]!) && NOT_NAMES.has(toks[a]!.lower)))) a++
  while (b > a && (CONNECTORS.has(toks[b - 1]!.lower) || DETERMINERS.has(toks[b - 1]!.lower))) b--
  // a determiner can only open the phrase
  for (let i = b - 1; i > a; i--) {
    if (DETERMINERS.has(toks[i]!.lower) && !isCap(toks[i]!) && !CONNECTORS.has(toks[i - 1]!.lower)) { a = i; break }
  }
  // "shows that Clinton said": a "that" before a name opens the clause, it is no determiner
  if (b - a > 1 && /^(?:that|which)$/.test(toks[a]!.lower) && isCap(toks[a + 1]!)) a++
  const np = toks.slice(a, b)
  if (np.length === 0 || np.length > 12) return null
  // a year or a number alone ("returns from 1995 that showed") and a party or other adjective alone
  // ("Republican support was solid") name no one
  if (np.every((t) => /^\p{N}[\p{N},.]*$/u.test(t.text))) return null
  if (np.length === 1 && /^(?:republican|democratic|american|conservative|liberal|federal|national|congressional)$/i.test(np[0]!.text)) return null
  const head = np[np.length - 1]!
  const hasCap = np.some((t) => isCap(t) && !DETERMINERS.has(t.lower))
  const hasRole = np.some((t) => ROLE_NOUNS.has(t.lower))
  if (!hasCap && !hasRole) return null
  // the head must be a name or a role noun, not a possessive or an adjective
  if (!isCap(head) && !ROLE_NOUNS.has(head.lower)) return null
  const start = np[0]!.start
  const end = head.end
  const phrase = text.slice(start, end)
  // trailing run of capitalised words = a name; what precedes it = a role
  let k = np.length
  while (k > 0 && isCap(np[k - 1]!) && !DETERMINERS.has(np[k - 1]!.lower) && !isPossessive(np[k - 1]!)) k--
  let kind: MentionKind
  let name: string
  let role: string | undefined
  if (k === np.length || (k > 0 && (CONNECTORS.has(np[k - 1]!.lower) || (k > 1 && DETERMINERS.has(np[k - 1]!.lower) && CONNECTORS.has(np[k - 2]!.lower))) && np.slice(0, k).some((t) => ROLE_NOUNS.has(t.lower) && !isCap(t)))) {
    // ends in a lower-case role noun: a description ("the FCC commissioner", "TikTok's letter")
    kind = 'description'
    const poss = np.findIndex((t) => isPossessive(t) && isCap(t))
    name = phrase.replace(/^(?:the|a|an)\s+/i, '')
    role = name
    k = np.length
    if (poss >= 0 && /^(?:letter|statement|campaign|report|memo|email|spokesman|spokeswoman|spokesperson|ad|video|lawyers?|attorneys?)$/.test(head.lower)) {
      name = text.slice(np[0]!.start, np[poss]!.end).replace(/[’']s$/, '').replace(/^(?:the|a|an)\s+/i, '')
    }
  } else {
    kind = 'name'
    let run = np.slice(k)
    // titles inside the run belong to the role ("Senator Marsha Blackburn")
    let lastTitle = -1
    run.forEach((t, i) => { if (TITLES.has(t.lower) && i < run.length - 1) lastTitle = i })
    const roleToks = np.slice(0, k).concat(run.slice(0, lastTitle + 1))
    run = run.slice(lastTitle + 1)
    while (run.length > 1 && HONORIFICS.has(run[0]!.lower)) run = run.slice(1)
    name = text.slice(run[0]!.start, run[run.length - 1]!.end)
    if (/^the\s/i.test(text.slice(start, end)) && lastTitle < 0 && k <= 1) name = text.slice(np[k]!.start, end)
    const r = roleToks.filter((t) => !DETERMINERS.has(t.lower) || roleToks.length > 1)
    if (r.length) {
      const rs = text.slice(r[0]!.start, r[r.length - 1]!.end).replace(/^(?:the|a|an)\s+/i, '')
      if (/\p{L}/u.test(rs) && !/^(?:the|a|an)$/i.test(rs)) role = rs
    }
  }
  return { start, end, text: phrase, kind, name, ...(role ? { role } : {}), rule }
}

/** The subject just before a cue, within [from, cueStart). */
/** `loose` also takes a determiner and plain words ("the commission"): used next to quotes, where the cue is surely a verb. */
export function subjectBefore (text: string, from: number, cueStart: number, loose = false): Mention | null {
  const toks = tokens(text, from, cueStart)
  let j = toks.length - 1
  // "Carr also said", "the council just this week voted": adverbs and a time between subject and
  // verb; "she smiled and said": a first verb of the same subject
  for (;;) {
    if (j >= 0 && (AUXILIARIES.has(toks[j]!.lower) || /ly$/.test(toks[j]!.lower))) { j--; continue }
    if (j >= 2 && toks[j]!.lower === 'and' && /^(?:\p{Ll}+ed|met|left|stood|sat|rose|spoke|went|came)$/u.test(toks[j - 1]!.text) && !ROLE_NOUNS.has(toks[j - 1]!.lower)) { j -= 2; continue }
    if (j >= 1 && /^(?:week|month|year|morning|afternoon|evening|night|weekend)$/.test(toks[j]!.lower) && /^(?:this|last|that|next)$/.test(toks[j - 1]!.lower)) { j -= 2; continue }
    // "who in 2010 said": a year between the subject and the verb
    if (j >= 1 && /^(?:1[89]|20)\d\d$/.test(toks[j]!.text) && /^(?:in|since|by)$/.test(toks[j - 1]!.lower)) { j -= 2; continue }
    break
  }
  if (j < 0) return null
  const t = toks[j]!
  if (PRONOUNS.has(t.lower) && t.lower !== 'you') {
    return { start: t.start, end: t.end, text: t.text, kind: 'pronoun', name: t.text, rule: 'speaker-pronoun-before' }
  }
  if (RELATIVES.has(t.lower)) {
    // "Trump, who said ...": the mention is "who"; its name is the phrase before the comma
    const comma = j - 1
    if (comma >= 0 && toks[comma]!.text === ',') {
      const ante = nounPhraseBack(text, toks, comma - 1, 'speaker-relative')
      if (ante) return { start: t.start, end: t.end, text: t.text, kind: 'relative', name: ante.name, ...(ante.role ? { role: ante.role } : {}), rule: 'speaker-relative-who' }
    }
    return null
  }
  if (t.text === ',' || DASHES.has(t.text)) {
    // "Shou Zi Chew, TikTok's chief executive, wrote" / "Kall -- co-editor of a book -- said"
    const sep = DASHES.has(t.text) ? DASHES : new Set([','])
    let a = j
    while (a - 1 >= 0 && sep.has(toks[a - 1]!.text)) a--
    let k = a - 1
    while (k >= 0 && !sep.has(toks[k]!.text) && a - k < 24 && !/^[.;:!?“”"]$/.test(toks[k]!.text)) k--
    if (k < 0 || !sep.has(toks[k]!.text)) return null
    // (a party and state in parentheses closing the appositive is no part of the name: "state Del. Marta Ruiz (D-Norfolk),")
    let appos = toks.slice(k + 1, a)
    if (appos[appos.length - 1]?.text === ')') {
      const open = appos.map((t) => t.text).lastIndexOf('(')
      if (open > 0) appos = appos.slice(0, open)
    }
    let b = k
    while (b - 1 >= 0 && sep.has(toks[b - 1]!.text)) b--
    if (appos.length === 0 || RELATIVES.has(appos[0]!.lower)) return nounPhraseBack(text, toks, b - 1, 'speaker-before-appositive')
    if (!apposLike(appos)) return null
    const np = nounPhraseBack(text, toks, b - 1, 'speaker-appositive-role')
    const apposText = text.slice(appos[0]!.start, appos[appos.length - 1]!.end)
    if (!np || np.kind !== 'name') {
      // "A lawyer for the outlets, David Schulz, said": the appositive is the name
      // (only a phrase that is a noun phrase throughout: "one of the states suing the EPA" is not a name)
      const named = appos.every((t, i) => npToken(t, appos[i - 1])) ? mentionOf(text, appos, 'speaker-appositive-name') : null
      const before = text.slice(toks[Math.max(0, b - 8)]!.start, toks[b]!.start).trim().match(/(?:^|[,.;:]\s*)((?:the|a|an)\s[^,.;:]+)$/i)?.[1]
      if (named && named.kind === 'name') return { ...named, ...(np ?? before ? { role: (np?.text ?? before!).replace(/^(?:the|a|an)\s+/i, '') } : {}) }
      // "Ana Ruiz, the mayor, a member of the board, said": two appositives, the
      // name before the first
      if (np) {
        const c = toks.findIndex((t) => t.start === np.start) - 1
        if (c >= 1 && toks[c]!.text === ',') {
          const name = nounPhraseBack(text, toks, c - 1, 'speaker-appositives-role')
          if (name && name.kind === 'name') return { ...name, role: np.text.replace(/^(?:the|a|an)\s+/i, '') }
        }
      }
      return null
    }
    return { ...np, role: apposText.replace(/^(?:the|a|an)\s+/i, '') }
  }
  const np = nounPhraseBack(text, toks, j, 'speaker-before-cue', loose)
  if (np || !loose) return np
  // "Protesters marching through the streets chanted", "two officials speaking on condition of
  // anonymity said": a participle phrase of a few words between the subject and its verb
  // (only for a verb that is no participle itself, right after a noun, from a phrase that opens its clause)
  if (/^\p{L}+ing\b/u.test(text.slice(cueStart))) return null
  for (let k = j; k > 0 && j - k < 8; k--) {
    const t = toks[k]!
    if (!isWordish(t)) break
    if (!/^\p{Ll}+ing$/u.test(t.text) || ROLE_NOUNS.has(t.lower)) continue
    const prev = toks[k - 1]!
    if (!isWordish(prev) || DETERMINERS.has(prev.lower) || CONNECTORS.has(prev.lower) || FUNCTION_WORDS.has(prev.lower)) return null
    const head = nounPhraseBack(text, toks, k - 1, 'speaker-before-participle', true)
    const at = head ? toks.findIndex((x) => x.start === head.start) : -1
    const opener = at > 0 ? toks[at - 1]! : undefined
    if (!head || head.end !== prev.end || at < 0 || (opener && !/^[,;:(“"\u2014\u2013-]$/.test(opener.text) && !CLAUSE_OPENERS.has(opener.lower))) return null
    return head
  }
  return null
}

function nounPhraseBack (text: string, toks: Tok[], j: number, rule: string, loose = false): Mention | null {
  let i = j
  // a parenthesis inside the phrase: "the Federal Communications Commission (FCC)"
  const take: Tok[] = []
  while (i >= 0) {
    const t = toks[i]!
    if (t.text === ')') {
      let k = i - 1
      while (k >= 0 && toks[k]!.text !== '(') k--
      if (k < 0) break
      i = k - 1
      continue
    }
    if (!npToken(t, toks[i - 1])) break
    take.unshift(t)
    i--
  }
  if (loose && (!take.length || !isCap(take[0]!) || DETERMINERS.has(take[0]!.lower))) {
    // "the commission says", "a new poll shows", "the Ohio builder said": a determiner,
    // then up to five modifiers (plain words, names, possessives) before a plain head noun
    let k = i
    const extra: Tok[] = []
    const plain = (t: Tok): boolean => /^\p{Ll}[\p{Ll}-]*$/u.test(t.text) && !DETERMINERS.has(t.lower) && !AUXILIARIES.has(t.lower) && !CONNECTORS.has(t.lower) && !VERBISH.has(t.lower) && !FUNCTION_WORDS.has(t.lower) && !/(?:ed|ing)$/.test(t.lower)
    const modifier = (t: Tok): boolean => plain(t) || (isCap(t) && !DETERMINERS.has(t.lower) && !NOT_NAMES.has(t.lower) && !PRONOUNS.has(t.lower)) || (isPossessive(t) && isCap(t))
    while (k >= 0 && extra.length < 6 && (extra.length === 0 && !take.length ? plain(toks[k]!) : modifier(toks[k]!))) {
      extra.unshift(toks[k]!)
      k--
    }
    const det = k >= 0 ? toks[k]! : undefined
    // the phrase is a subject only where a clause starts: not "the vote and left", "a plan to build"
    const opener = k - 1 < 0 ? undefined : toks[k - 1]!
    const clauseStart = !opener || /^[,;:(“"\u2014\u2013-]$/.test(opener.text) || CLAUSE_OPENERS.has(opener.lower)
    if (extra.length && det && clauseStart && /^(?:the|a|an|this|his|her|their|its|my|our|your|another|one|each|every|some)$/i.test(det.text)) {
      const all = [det, ...extra, ...take]
      const m = mentionOf(text, all, rule + '-common-noun')
      if (m) return m
      const head = all[all.length - 1]!
      if (!ROLE_NOUNS.has(head.lower) && !isCap(head)) {
        const phrase = text.slice(det.start, head.end)
        return { start: det.start, end: head.end, text: phrase, kind: 'description', name: phrase.replace(/^(?:the|a|an)\s+/i, ''), role: phrase.replace(/^(?:the|a|an)\s+/i, ''), rule: rule + '-common-noun' }
      }
    }
    // "top union leaders said", "many economists say": a bare plural opening its clause
    const bareStart = !det || /^[,;:(“"\u2014\u2013-]$/.test(det.text) || CLAUSE_OPENERS.has(det.lower)
    const bare = [...extra, ...take]
    const last = bare[bare.length - 1]
    if (extra.length && bareStart && last && /^\p{Ll}+s$/u.test(last.text) && !/(?:ss|us|is)$/.test(last.lower)) {
      const phrase = text.slice(bare[0]!.start, last.end)
      return { start: bare[0]!.start, end: last.end, text: phrase, kind: 'description', name: phrase, role: phrase, rule: rule + '-bare-plural' }
    }
  }
  if (!take.length) return null
  return mentionOf(text, take, rule)
}

/** The speaker after a cue ("said Brendan Carr, the FCC commissioner"), within [cueEnd, to). */
export function subjectAfter (text: string, cueEnd: number, to: number, rule = 'speaker-after-cue'): Mention | null {
  const toks = tokens(text, cueEnd, to)
  if (!toks.length) return null
  const first = toks[0]!
  if (PRONOUNS.has(first.lower) && first.lower !== 'you' && first.lower !== 'it') {
    return { start: first.start, end: first.end, text: first.text, kind: 'pronoun', name: first.text, rule: rule + '-pronoun' }
  }
  const take: Tok[] = []
  let i = 0
  for (; i < toks.length; i++) {
    const t = toks[i]!
    if (!npToken(t)) break
    take.push(t)
  }
  const m = mentionOf(text, take, rule)
  if (!m) return null
  // ", the FCC commissioner" after a name is its role
  if (m.kind === 'name' && toks[i]?.text === ',') {
    const rest: Tok[] = []
    for (let k = i + 1; k < toks.length && !/^[,.;:!?“”"]$/.test(toks[k]!.text); k++) rest.push(toks[k]!)
    if (rest.length > 0 && rest.length <= 10 && rest.some((t) => ROLE_NOUNS.has(t.lower)) && !RELATIVES.has(rest[0]!.lower)) {
      return { ...m, role: text.slice(rest[0]!.start, rest[rest.length - 1]!.end).replace(/^(?:the|a|an)\s+/i, '') }
    }
  }
  return m
}
