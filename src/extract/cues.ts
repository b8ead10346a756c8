// Stage 3: reporting cues. A lexicon of reporting verbs (every inflected form mapped to its
// lemma) and "according to". Cues inside quote marks are the speaker's words, not the report's.
import { insideMask } from './quotes.js'
import type { Cue, Quote } from './types.js'

// lemma: irregular forms; regular -s/-ed/-ing forms are generated.
const VERBS: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  add: [],
  argue: [],
  note: [],
  ask: [],
  claim: [],
  warn: [],
  explain: [],
  insist: [],
  state: [],
  declare: [],
  announce: [],
  report: [],
  suggest: [],
  acknowledge: [],
  admit: [],
  urge: [],
  tweet: [],
  post: [],
  recall: [],
  respond: [],
  reply: ['reply', 'replies', 'replied', 'replying'],
  predict: [],
  promise: [],
  pledge: [],
  vow: [],
  concede: [],
  contend: [],
  maintain: [],
  assert: [],
  allege: [],
  complain: [],
  emphasize: [],
  stress: [],
  believe: [],
  agree: [],
  deny: ['deny', 'denies', 'denied', 'denying'],
  continue: [],
  estimate: [],
  indicate: [],
  reveal: [],
  confirm: [],
  testify: ['testify', 'testifies', 'testified', 'testifying'],
  mention: [],
  observe: [],
  remark: [],
  conclude: [],
  joke: [],
  boast: [],
  charge: [],
  counter: [],
  caution: [],
  worry: ['worry', 'worries', 'worried'],
  accuse: [],
  criticize: [],
  criticise: [],
  blast: [],
  slam: [],
  praise: [],
  describe: [],
  call: [],
  think: ['think', 'thinks', 'thought'],
  find: ['find', 'finds', 'found'],
  show: ['show', 'shows', 'showed', 'shown'],
  feel: ['feel', 'feels', 'felt'],
  hope: [],
  expect: [],
  want: [],
  demand: [],
  question: [],
  propose: [],
  recommend: [],
  tout: [],
  cite: [],
  insinuate: [],
  imply: ['imply', 'implies', 'implied'],
  lament: [],
  scoff: [],
  quip: ['quip', 'quips', 'quipped'],
  speculate: [],
  point: [],
  // attitudes and acts PolNeAR also counts as attributions ("Trump attacked ...", "Clinton plans to ...")
  attack: [],
  support: [],
  oppose: [],
  plan: ['plan', 'plans', 'planned', 'planning'],
  decline: [],
  know: ['know', 'knows', 'knew'],
  reject: [],
  echo: ['echo', 'echoes', 'echoed', 'echoing'],
  liken: [],
  disclose: [],
  offer: [],
  understand: ['understand', 'understands', 'understood'],
  refuse: [],
  intend: [],
  threaten: [],
  blame: [],
  defend: [],
  dismiss: [],
  mock: [],
  applaud: [],
  endorse: [],
  welcome: [],
  condemn: [],
  decry: ['decry', 'decries', 'decried'],
  push: [],
  seek: ['seek', 'seeks', 'sought'],
  encourage: [],
  highlight: [],
  label: [],
  dub: ['dub', 'dubs', 'dubbed'],
  // talking about a subject and deciding on it are attributions in PolNeAR's sense too
  speak: ['speak', 'speaks', 'spoke', 'speaking', 'spoken'],
  talk: [],
  discuss: [],
  comment: [],
  express: [],
  detail: [],
  fear: [],
  // 'rules' and 'ruling' are mostly nouns ("the new rules", "a split ruling")
  rule: ['ruled'],
  decide: [],
  // saying it loudly
  chant: [],
  yell: [],
  shout: [],
  scream: [],
  proclaim: [],
  sing: ['sing', 'sings', 'sang', 'singing', 'sung'],
  exhort: [],
  characterize: [],
  characterise: [],
  brand: [],
  // only with a written thing for subject: "the letter reads", "the sign read" (findCues)
  read: ['read', 'reads'],
}

function regular (lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma
  const doubled = /^(?:quip|slam|admit|regret|commit)$/.test(lemma) ? lemma + lemma.slice(-1) : stem
  return [lemma, lemma + 's', (lemma.endsWith('e') ? lemma + 'd' : doubled + 'ed'), doubled + 'ing']
}

const FORMS = new Map<string, string>()
for (const [lemma, forms] of Object.entries(VERBS)) {
  for (const f of forms.length ? forms : regular(lemma)) FORMS.set(f, lemma)
}
FORMS.set('says', 'say')

export function lemmaOf (form: string): string | undefined {
  return FORMS.get(form.toLowerCase())
}

/** Lemmas whose speaker may follow the verb ("said Carr", "added the senator"); others only take a subject before. */
export const INVERTIBLE = new Set(['say', 'shout', 'yell', 'scream', 'chant', 'add', 'write', 'ask', 'continue', 'explain', 'note', 'recall', 'reply', 'respond', 'argue', 'insist', 'declare', 'warn', 'conclude', 'concede', 'counter', 'joke', 'quip', 'remark', 'observe', 'state', 'tweet', 'suggest', 'claim', 'report', 'tell', 'announce', 'predict', 'caution', 'boast', 'complain', 'admit', 'acknowledge', 'confirm', 'emphasize', 'stress', 'maintain', 'contend', 'assert'])

/** Bare forms that are as often nouns ("his cybersecurity plan", "the report"): a verb only after a name, pronoun or role. */
export const NOUNISH = new Set(['plan', 'plans', 'support', 'supports', 'offer', 'offers', 'push', 'pushes', 'label', 'labels', 'report', 'reports', 'call', 'calls', 'claim', 'claims', 'post', 'posts', 'show', 'shows', 'attack', 'attacks', 'echo', 'echoes', 'highlight', 'highlights', 'welcome', 'question', 'questions', 'demand', 'demands', 'pledge', 'pledges', 'promise', 'promises', 'vow', 'vows', 'estimate', 'estimates', 'worry', 'worries', 'hope', 'hopes', 'charge', 'charges', 'counter', 'joke', 'jokes', 'boast', 'tweet', 'tweets', 'note', 'notes', 'state', 'states', 'reference', 'references', 'mention', 'mentions', 'comment', 'comments', 'reply', 'replies', 'dismiss', 'defend', 'blame', 'mock', 'cite', 'find', 'finds', 'feel', 'want', 'know', 'seek', 'quip', 'add', 'stress', 'concern', 'talk', 'talks', 'comment', 'comments', 'detail', 'details', 'fear', 'fears', 'rule', 'rules', 'speaking', 'brand', 'brands'])

/** Verbs whose first object is the hearer ("told reporters that ..."), skipped before the content. */
export const HEARER_VERBS = new Set(['tell', 'ask', 'warn', 'urge', 'remind', 'assure', 'inform'])

/** Lemmas that mostly report a belief or finding, not an utterance (lower confidence). */
export const WEAK_LEMMAS = new Set(['express', 'detail', 'fear', 'rule', 'decide', 'attack', 'support', 'oppose', 'plan', 'decline', 'know', 'reject', 'echo', 'liken', 'disclose', 'offer', 'understand', 'refuse', 'intend', 'threaten', 'blame', 'defend', 'dismiss', 'mock', 'applaud', 'endorse', 'welcome', 'condemn', 'decry', 'push', 'seek', 'encourage', 'highlight', 'label', 'dub', 'brand', 'characterize', 'characterise', 'think', 'find', 'show', 'feel', 'hope', 'expect', 'want', 'believe', 'call', 'describe', 'cite', 'question', 'continue', 'post', 'point', 'agree'])

const WORD = /[\p{L}]+/gu

// A written thing as the subject of "read(s)": what it says, not someone reading it.
const DOCUMENT_BEFORE = /\b(?:the|a|an|his|her|its|their|this|that|one)\s+(?:[\p{L}’'-]+\s+){0,2}(?:letter|sign|statement|message|note|post|tweet|headline|report|e-?mail|memo|banner|caption|release|plaque|inscription|ad|notice|text|card|poster|placard|label|document|petition|resolution|order|complaint|filing|bill|article|editorial|column|story|passage|entry|page|website|line|t-shirt|shirt)\s+$/iu

export function findCues (text: string, quotes: Quote[]): Cue[] {
  const cues: Cue[] = []
  const mask = insideMask(text.length, quotes)
  const inQuote = (i: number): boolean => mask[i] === 1
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const word = m[0]
    const start = m.index
    if (inQuote(start)) continue
    const lower = word.toLowerCase()
    if (lower === 'according') {
      const to = /^\s+to\b/.exec(text.slice(start + word.length, start + word.length + 5))
      if (to) {
        const end = start + word.length + to[0].length
        cues.push({ start, end, text: text.slice(start, end), lemma: 'according to', kind: 'according-to' })
      }
      continue
    }
    const lemma = FORMS.get(lower)
    if (!lemma) continue
    // Capitalised mid-sentence words are names ("Joe Say"), not verbs; the sentence's first word may be a verb.
    if (/^\p{Lu}/u.test(word) && start > 0 && !/[.!?"“”]\s*$/.test(text.slice(Math.max(0, start - 3), start)) && text[start - 1] !== '\n') continue
    // "reporting by" (credits) and the noun "state" are not reports
    const after = text.slice(start + word.length, start + word.length + 8)
    if (/^\s+by\b/.test(after) && /ing$/.test(lower)) continue
    if (lower === 'state' || lower === 'states') continue
    // "who asked not to be named": the reporter's note on a source, not something said
    if (lemma === 'ask' && /^\s+not\s+to\s+be\b/.test(text.slice(start + word.length, start + word.length + 14))) continue
    if (lemma === 'read' && !DOCUMENT_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue
    cues.push({ start, end: start + word.length, text: word, lemma, kind: 'verb' })
  }
  return cues
}
