// Stage 2: pairs of double quote marks. Curly marks say which way they face; a straight mark
// opens after a space or a bracket and closes otherwise. Single marks (’ ‘ ') are apostrophes or
// quotes inside quotes and never start a statement: don't, Carr’s, ’90s stay words.
import type { Paragraph, Quote, Range } from './types.js'

const OPEN_BEFORE = /[\s([{\u2014\u2013\-/]/

export function findQuotes (text: string, paras: Paragraph[]): Quote[] {
  const quotes: Quote[] = []
  // A straight pair and a curly pair each close only with their own kind; the other kind
  // inside is a quote within the quote and is skipped.
  let open: { start: number, innerStart: number, inner: Range[], curly: boolean, nested: number } | null = null
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi]!
    let i = p.start
    if (open) {
      // A quote left open at the end of the last paragraph goes on here (the new paragraph
      // opened with a quote mark, as the rule for multi-paragraph quotes has it).
      const w = text.startsWith("''", i) ? 2 : 1
      open.innerStart = i + w
      open.nested = 0
      i += w
    }
    for (; i < p.end; i++) {
      let ch = text[i]
      // two apostrophes stand for a straight double quote in some wire copy (''Yes,'' he said)
      let width = 1
      if (ch === "'" && text[i + 1] === "'") { ch = '"'; width = 2 }
      if (ch !== '"' && ch !== '\u201c' && ch !== '\u201d') continue
      const prev = i > p.start ? text[i - 1]! : ' '
      const next = text[i + width] ?? ' '
      if (!open) {
        // a close mark facing the wrong way at the start of a quote (”Fear.) still opens one
        if (ch === '\u201c' || ch === '"') {
          open = { start: i, innerStart: i + width, inner: [], curly: ch !== '"', nested: 0 }
          i += width - 1
        } else if (OPEN_BEFORE.test(prev) && (/[\p{L}\p{N}…]/u.test(next) || /^\s?(?:…|\.\.\.)/u.test(text.slice(i + 1, i + 5)))) {
          // (also before an ellipsis: ”… and so on, the words go on)
          open = { start: i, innerStart: i + 1, inner: [], curly: true, nested: 0 }
        }
        continue
      }
      if (open.curly) {
        // a straight mark closing a curly quote (typed by hand: “Immunity deals...," he said)
        if (ch === '"' && (/\s/.test(prev) || !/[\s,.;:!?)]/.test(next))) continue
        if (ch === '\u201c') {
          // a second open mark: the first quote was never closed; restart here
          open = { start: i, innerStart: i + 1, inner: [], curly: true, nested: 0 }
          continue
        }
      } else {
        if (ch === '\u201c') { open.nested++; continue }
        if (ch === '\u201d') {
          if (open.nested > 0) { open.nested--; continue }
          // a curly mark closing a straight quote, with no curly one open inside it (typed by
          // hand: "Oz has a bully pulpit,” said ...): it closes where a close mark can stand
          if (/\s/.test(prev) || !/[\s,.;:!?)]/.test(next)) continue
        }
      }
      open.inner.push({ start: open.innerStart, end: i })
      quotes.push(makeQuote(text, open.start, i + width, open.inner, false, open.inner.length > 1 ? 'quote-multi-paragraph' : 'quote-marks'))
      open = null
      i += width - 1
    }
    if (open) {
      open.inner.push({ start: open.innerStart, end: p.end })
      const next = paras[pi + 1]
      const nextCh = next ? text[next.start] : undefined
      const continues = open.curly ? nextCh === '\u201c' : (nextCh === '"' || (next !== undefined && text.startsWith("''", next.start)))
      if (!continues) {
        quotes.push(makeQuote(text, open.start, p.end, open.inner, true, 'quote-unclosed-paragraph-end'))
        open = null
      }
    }
  }
  return quotes
}

function makeQuote (text: string, start: number, end: number, inner: Range[], unclosed: boolean, rule: string): Quote {
  const words = inner.map((r) => text.slice(r.start, r.end)).join(' ')
  const list = words.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) ?? []
  const wc = list.length
  const titleCase = list.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(of|the|a|an|and|in|on|to|for|with)$/.test(w))
  const endsSentence = /[.!?,]$/.test(words.trim())
  let major = wc >= 4 || (wc >= 2 && endsSentence)
  let why = rule
  if (titleCase && wc <= 6 && !/[!?]$/.test(words.trim())) {
    major = false
    why = 'quote-title'
  } else if (!major) {
    why = 'quote-scare'
  }
  return { start, end, inner, major, unclosed, rule: why }
}

/** 1 for each UTF-16 index inside the marks of some quote (the words, not the marks). */
export function insideMask (length: number, quotes: Quote[]): Uint8Array {
  const mask = new Uint8Array(length + 1)
  for (const q of quotes) for (const r of q.inner) mask.fill(1, r.start, r.end)
  return mask
}
