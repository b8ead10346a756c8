// Stage 2: pairs of double quote marks. Curly marks say which way they face; a straight mark
// opens after a space or a bracket and closes otherwise. Single marks (’ ‘ ') are apostrophes or
// quotes inside quotes and never start a statement: don't, Carr’s, ’90s stay words.
import type { Paragraph, Quote, Range } from './types.js'

const OPEN_BEFORE = /[\s([{\u2014\u2013\-/]/

export function findQuotes (text: string, paras: Paragraph[]): Quote[] {
  const quotes: Quote[] = []
  let open: { start: number, innerStart: number, inner: Range[] } | null = null
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi]!
    let i = p.start
    if (open) {
      // A quote left open at the end of the last paragraph goes on here (the new paragraph
      // opened with a quote mark, as the rule for multi-paragraph quotes has it).
      open.innerStart = i + 1
      i++
    }
    for (; i < p.end; i++) {
      const ch = text[i]
      if (ch !== '"' && ch !== '\u201c' && ch !== '\u201d') continue
      const prev = i > p.start ? text[i - 1]! : ' '
      const opens = ch === '\u201c' || (ch === '"' && (!open && (i === p.start || OPEN_BEFORE.test(prev))))
      if (!open) {
        if (opens || ch === '"') open = { start: i, innerStart: i + 1, inner: [] }
        // a stray close mark with nothing open is ignored
        continue
      }
      if (ch === '\u201c') {
        // a second open mark: the first one was never closed; restart here
        open = { start: i, innerStart: i + 1, inner: [] }
        continue
      }
      open.inner.push({ start: open.innerStart, end: i })
      quotes.push(makeQuote(text, open.start, i + 1, open.inner, false, open.inner.length > 1 ? 'quote-multi-paragraph' : 'quote-marks'))
      open = null
    }
    if (open) {
      open.inner.push({ start: open.innerStart, end: p.end })
      const next = paras[pi + 1]
      const nextCh = next ? text[next.start] : undefined
      if (!(nextCh === '\u201c' || nextCh === '"')) {
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
  if (major && titleCase && wc <= 6 && !/[.!?]$/.test(words.trim())) {
    major = false
    why = 'quote-title'
  } else if (!major) {
    why = 'quote-scare'
  }
  return { start, end, inner, major, unclosed, rule: why }
}
