// Stage 1: paragraphs and sentences. Sentences never break inside a pair of quote marks, so a
// quote of several sentences stays with its attribution.
import { NOUNISH, WEAK_LEMMAS, lemmaOf } from './cues.js'
import { insideMask } from './quotes.js'
import type { Paragraph, Quote, Range, Sentence } from './types.js'

export function paragraphs (text: string): Paragraph[] {
  const out: Paragraph[] = []
  const re = /[^\n]+/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index
    let end = m.index + m[0].length
    while (start < end && /\s/.test(text[start]!)) start++
    while (end > start && /\s/.test(text[end - 1]!)) end--
    if (end > start) out.push({ start, end, index: out.length })
  }
  return out
}

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'st', 'jr', 'sr', 'prof',
  'rev', 'hon', 'pres', 'vs', 'no', 'inc', 'corp', 'co', 'ltd', 'del', 'adm', 'maj', 'cmdr', 'supt', 'atty', 'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep',
  'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'd.c', 'e.g', 'i.e', 'a.m', 'p.m', 'ft', 'mt', 'gop',
])

/**
 * "“Why now?” Clinton demanded." goes on with its speaker: a short speaker phrase (an appositive
 * between commas or a parenthesis allowed: "Ana Ruiz, the mayor, asked", "Sen. Ana Ruiz (D-Ohio)
 * asked") and then a reporting verb of the lexicon (one that is no noun and no mere belief), or
 * the verb first ("asked Clinton").
 */
function speakerFollows (after: string): boolean {
  let appositive = false
  let depth = 0
  let words = 0
  let possessive = false
  for (const m of after.slice(0, 140).matchAll(/[\p{L}\p{N}.’'-]+|[^\s\p{L}\p{N}]/gu)) {
    const t = m[0]
    if (t === '(') { depth++; continue }
    if (t === ')') { depth = Math.max(0, depth - 1); continue }
    if (depth > 0) continue
    if (t === ',') { appositive = !appositive; continue }
    if (!/^[\p{L}\p{N}]/u.test(t) || ++words > 14) return false
    const w = t.replace(/\.$/, '')
    const lemma = /^\p{Ll}+$/u.test(w) ? lemmaOf(w) : undefined
    if (lemma && !NOUNISH.has(w) && !WEAK_LEMMAS.has(lemma)) return true
    // a full stop that is no abbreviation's ends the sentence
    if (t.endsWith('.') && !ABBREVIATIONS.has(w.toLowerCase()) && !/^\p{L}$/u.test(w)) return false
    if (!/^\p{Ll}+$/u.test(w)) { possessive = /[’']s$/.test(w); continue }
    // a lowercase word that is no verb of saying ends the speaker phrase, unless a determiner, part
    // of an appositive or a noun after a possessive ("Molloy's niece, ...")
    if (!appositive && !possessive && !/^(?:the|a|an|his|her|their|its|our|my|state|former|then|also|later)$/.test(w)) return false
    possessive = false
  }
  return false
}

/** Sentences of each paragraph; a boundary inside a quote (UTF-16 range) is skipped. */
export function sentences (text: string, paras: Paragraph[], quotes: Quote[]): Sentence[] {
  const out: Sentence[] = []
  const mask = insideMask(text.length, quotes)
  const inside = (i: number): boolean => mask[i] === 1 && mask[i - 1] === 1
  for (const p of paras) {
    let start = p.start
    const re = /[.!?]+["”’')]*(?=\s+["“‘'(]*[\p{Lu}\p{N}])/gu
    re.lastIndex = p.start
    const body = text.slice(0, p.end)
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const end = m.index + m[0].length
      if (inside(end - 1)) continue
      // "“Why now?” Clinton asked." is one sentence: a question or exclamation in quotes, then its speaker
      if (/[?!]["”]$/.test(m[0]) && speakerFollows(text.slice(end, Math.min(p.end, end + 80)))) continue
      if (m[0].startsWith('.')) {
        const word = /(?<![\p{L}\p{N}])([\p{L}.]+)$/u.exec(text.slice(Math.max(p.start, m.index - 12), m.index))?.[1]?.toLowerCase() ?? ''
        if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) continue
      }
      push(out, text, { start, end }, p.index)
      start = end
    }
    push(out, text, { start, end: p.end }, p.index)
  }
  return out
}

function push (out: Sentence[], text: string, r: Range, paragraph: number): void {
  let { start, end } = r
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  if (end > start) out.push({ start, end, paragraph, index: out.length })
}
