// The one boundary between JS strings (UTF-16) and the evidence convention (code points).
import type { Evidence, Range, Span } from './types.js'

import { EVIDENCE_CONTEXT } from '../domain/seed-model.js'
/** Context kept either side of an evidence span, in code points (the seed model's). */
export { EVIDENCE_CONTEXT }

export interface CodePoints {
  /** Code point index of each UTF-16 index (length + 1 entries). */
  toCp: Uint32Array
  chars: string[]
}

export function codePoints (text: string): CodePoints {
  const toCp = new Uint32Array(text.length + 1)
  const chars: string[] = []
  let cp = 0
  for (let i = 0; i < text.length; i++) {
    toCp[i] = cp
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        toCp[i + 1] = cp
        chars.push(text.slice(i, i + 2))
        i++
        cp++
        continue
      }
    }
    chars.push(text[i]!)
    cp++
  }
  toCp[text.length] = cp
  return { toCp, chars }
}

/** A UTF-16 range as a code-point span with its text. */
export function cpSpan (cps: CodePoints, r: Range): Span {
  const start = cps.toCp[r.start]!
  const end = cps.toCp[r.end]!
  return { start, end, text: cps.chars.slice(start, end).join('') }
}

/** Evidence for a UTF-16 range: code-point offsets, the text, and 32 code points either side. */
export function cpEvidence (cps: CodePoints, r: Range): Evidence {
  const span = cpSpan(cps, r)
  return {
    ...span,
    before: cps.chars.slice(Math.max(0, span.start - EVIDENCE_CONTEXT), span.start).join(''),
    after: cps.chars.slice(span.end, span.end + EVIDENCE_CONTEXT).join(''),
  }
}
