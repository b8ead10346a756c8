// The extraction score, ported from /work/shared/tools/extract-score.mjs (same thresholds, same
// one-to-one greedy matching, same trimming). Like the reference it indexes the article text by
// JS string position; for text without astral characters that equals the code-point offsets.
// Also counts error classes, so a shortfall can be traced to a stage.
import type { Gold, GoldArticle, GoldAttribution, Spans } from './brat.js'

export interface PredStatement {
  attribution?: string
  type?: string
  evidence?: { start: number, end: number }
  speakers?: Array<{ name?: string, actor?: string | null, mention?: { start: number, end: number } }>
}

export interface Totals { dG: number, dP: number, dMatch: number, dCorrect: number, aG: number, aP: number, aCorrect: number }

export interface Score {
  direct: { gold: number, predicted: number, spanMatched: number, correct: number, precision: number, recall: number, f1: number }
  all: { gold: number, predicted: number, correct: number, precision: number, recall: number, f1: number }
  errors: Record<string, number>
}

const QUOTE = /["\u201c\u201d]/
const TRIM = /[\s"\u201c\u201d\u2018\u2019',.;:!?\u2014-]/

export function charSet (text: string, spans: Spans): Set<number> {
  const set = new Set<number>()
  for (const [s, e] of spans) {
    let a = s; let b = e
    while (a < b && TRIM.test(text[a] ?? 'undefined')) a++
    while (b > a && TRIM.test(text[b - 1] ?? 'undefined')) b--
    for (let i = a; i < b; i++) set.add(i)
  }
  return set
}

export function quotedChars (text: string, spans: Spans): Set<number> {
  const set = new Set<number>(); let inside = false
  for (const [s, e] of spans) {
    for (let i = s; i < e; i++) {
      if (QUOTE.test(text[i] ?? 'undefined')) { inside = !inside; continue }
      if (inside && !/\s/.test(text[i] ?? 'undefined')) set.add(i)
    }
  }
  return set
}

const inter = (a: Set<number>, b: Set<number>): number => { let n = 0; for (const x of a) if (b.has(x)) n++; return n }
const words = (s: unknown): Set<string> => new Set(String(s ?? '').toLowerCase().match(/[a-z]{3,}/g) ?? [])
const STOP = new Set(['the', 'and', 'who', 'said', 'his', 'her', 'its', 'their', 'that', 'this', 'for', 'with', 'from', 'was', 'has', 'have'])

export function speakerOk (text: string, g: GoldAttribution, p: PredStatement): boolean {
  if (!g.source) return true
  const gs = charSet(text, g.source)
  for (const sp of p.speakers ?? []) {
    const m = sp.mention
    if (m && Number.isInteger(m.start) && inter(charSet(text, [[m.start, m.end]]), gs) > 0) return true
    const gw = words(g.sourceText)
    for (const w of words(sp.name ?? sp.actor)) if (!STOP.has(w) && gw.has(w)) return true
  }
  return false
}

interface P { s: PredStatement, chars: Set<number> }

export function emptyTotals (): Totals { return { dG: 0, dP: 0, dMatch: 0, dCorrect: 0, aG: 0, aP: 0, aCorrect: 0 } }

/** Scores one article into the totals and the error counts. */
export function scoreArticle (art: GoldArticle, statements: PredStatement[], T: Totals, errors: Record<string, number>): void {
  const bump = (k: string): void => { errors[k] = (errors[k] ?? 0) + 1 }
  const text = art.text
  const preds: P[] = statements.filter((s) => s.evidence && Number.isInteger(s.evidence.start))
    .map((s) => ({ s, chars: charSet(text, [[s.evidence!.start, s.evidence!.end]]) }))
  const gDirect = art.attributions.filter((g) => g.direct)
  const pDirect = preds.filter((x) => (x.s.attribution ?? x.s.type) === 'direct-quote')
  T.dG += gDirect.length; T.dP += pDirect.length
  const usedP = new Set<P>()
  for (const g of gDirect) {
    const q = quotedChars(text, g.content); const c = charSet(text, g.content)
    let best: P | null = null; let bestScore = 0
    for (const x of pDirect) {
      if (usedP.has(x) || !q.size || !x.chars.size) continue
      const cov = inter(q, x.chars) / q.size; const inside = inter(x.chars, c) / x.chars.size
      if (cov >= 0.8 && inside >= 0.5 && cov + inside > bestScore) { best = x; bestScore = cov + inside }
    }
    if (best) {
      usedP.add(best); T.dMatch++
      if (speakerOk(text, g, best.s)) T.dCorrect++
      else bump(best.s.speakers?.length ? 'direct: wrong speaker' : 'direct: no speaker')
    } else {
      // why no draft matched: the nearest overlapping draft tells the stage at fault
      const over = preds.filter((x) => q.size && inter(q, x.chars) > 0).sort((a, b) => inter(q, b.chars) - inter(q, a.chars))[0]
      if (!over) bump('direct: missed quote')
      else if ((over.s.attribution ?? over.s.type) !== 'direct-quote') bump('direct: quote drafted as ' + (over.s.attribution ?? 'other'))
      else if (usedP.has(over)) bump('direct: merged with another quote')
      else if (inter(q, over.chars) / q.size < 0.8) bump('direct: span too short')
      else bump('direct: span too long')
    }
  }
  for (const x of pDirect) {
    if (usedP.has(x)) continue
    const overGold = art.attributions.some((g) => inter(charSet(text, g.content), x.chars) > 0)
    // quotes between two apostrophes ('' ... '') are quotes to the drafter but not to the gold's test
    if (text.slice(x.s.evidence!.start, x.s.evidence!.end).includes("''")) { bump("direct: false quote in '' marks (gold counts only \" “ ”)"); continue }
    bump(overGold ? 'direct: false quote (gold not direct, or span mismatch)' : 'direct: false quote (no gold attribution)')
  }
  T.aG += art.attributions.length; T.aP += preds.length
  const usedA = new Set<P>()
  for (const g of art.attributions) {
    const c = charSet(text, g.content)
    let best: P | null = null; let bestScore = 0
    for (const x of preds) {
      if (usedA.has(x) || !c.size || !x.chars.size) continue
      const i = inter(c, x.chars); const a = i / c.size; const b = i / x.chars.size
      if (a >= 0.5 && b >= 0.5 && a + b > bestScore) { best = x; bestScore = a + b }
    }
    if (best) {
      usedA.add(best)
      if (speakerOk(text, g, best.s)) T.aCorrect++
      else bump('all: wrong speaker')
    } else {
      const over = preds.some((x) => inter(c, x.chars) > 0)
      bump(over ? 'all: span mismatch' : (g.cue ? 'all: missed attribution' : 'all: missed attribution without cue'))
    }
  }
  for (const x of preds) if (!usedA.has(x)) bump(art.attributions.some((g) => inter(charSet(text, g.content), x.chars) > 0) ? 'all: false attribution (overlaps gold)' : 'all: false attribution (no gold)')
}

const f1 = (p: number, r: number): number => (p + r ? 2 * p * r / (p + r) : 0)
const r3 = (x: number): number => +x.toFixed(3)

export function summarise (T: Totals, errors: Record<string, number>): Score {
  const dp = T.dP ? T.dCorrect / T.dP : 0; const dr = T.dG ? T.dCorrect / T.dG : 0
  const ap = T.aP ? T.aCorrect / T.aP : 0; const ar = T.aG ? T.aCorrect / T.aG : 0
  return {
    direct: { gold: T.dG, predicted: T.dP, spanMatched: T.dMatch, correct: T.dCorrect, precision: r3(dp), recall: r3(dr), f1: r3(f1(dp, dr)) },
    all: { gold: T.aG, predicted: T.aP, correct: T.aCorrect, precision: r3(ap), recall: r3(ar), f1: r3(f1(ap, ar)) },
    errors: Object.fromEntries(Object.entries(errors).sort((a, b) => b[1] - a[1])),
  }
}

export function scoreCorpus (gold: Gold, predict: (a: GoldArticle) => PredStatement[]): Score {
  const T = emptyTotals(); const errors: Record<string, number> = {}
  for (const art of gold.articles) scoreArticle(art, predict(art), T, errors)
  return summarise(T, errors)
}
