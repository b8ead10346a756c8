// The stages one by one: quotes, sentences, cues, speaker mentions, linking, stance, offsets.
import { describe, expect, it } from 'vitest'
import {
  codePoints, cpEvidence, findCues, findQuotes, Linker, paragraphs, sentences, slugify, stanceOf, subjectAfter, subjectBefore,
} from '../../src/extract/index.js'

const quotesOf = (text: string) => findQuotes(text, paragraphs(text))

describe('quotes', () => {
  it('pairs curly and straight marks and leaves apostrophes alone', () => {
    const text = 'Don’t say Carr’s ’90s plan “works well for everyone,” she said, and "it is cheap."'
    const q = quotesOf(text)
    expect(q.map((x) => text.slice(x.start, x.end))).toEqual(['“works well for everyone,”', '"it is cheap."'])
    expect(q.every((x) => x.major)).toBe(true)
  })

  it('marks titles and scare quotes as minor', () => {
    const q = quotesOf('On “Shark Tank” the so-called “experts” said “hello.”')
    expect(q.map((x) => [x.major, x.rule])).toEqual([[false, 'quote-title'], [false, 'quote-scare'], [false, 'quote-scare']])
  })

  it('runs a quote on into the next paragraph only when that opens with a quote mark', () => {
    const on = quotesOf('“One two three four.\n\n“Five six seven.”')
    expect(on).toHaveLength(1)
    expect(on[0]).toMatchObject({ start: 0, end: 39, rule: 'quote-multi-paragraph' })
    const off = quotesOf('“One two three four.\n\nFive six seven.')
    expect(off[0]).toMatchObject({ unclosed: true, end: 20 })
  })

  it('reads two apostrophes as a straight quote mark', () => {
    const text = "''We are done here,'' he said."
    expect(quotesOf(text).map((x) => text.slice(x.start, x.end))).toEqual(["''We are done here,''"])
  })
})

describe('sentences', () => {
  it('do not break inside quotes or after abbreviations', () => {
    const text = 'Mr. Lee spoke. “First. Second,” he said. U.S. Sen. Ann Ray left.'
    const p = paragraphs(text)
    const s = sentences(text, p, findQuotes(text, p)).map((x) => text.slice(x.start, x.end))
    expect(s).toEqual(['Mr. Lee spoke.', '“First. Second,” he said.', 'U.S. Sen. Ann Ray left.'])
  })
})

describe('cues', () => {
  it('finds reporting verbs outside quotes, with lemmas, and "according to"', () => {
    const text = '“He said no,” Lee argued, according to aides.'
    const cues = findCues(text, quotesOf(text))
    expect(cues.map((c) => [c.text, c.lemma, c.start])).toEqual([['argued', 'argue', 18], ['according to', 'according to', 26]])
  })
})

describe('speaker mentions', () => {
  it('reads names, titles, appositives, pronouns and relatives before a cue', () => {
    const at = (text: string) => subjectBefore(text, 0, text.lastIndexOf(' said'))
    expect(at('Republican Senator Marsha Blackburn said')).toMatchObject({ kind: 'name', name: 'Marsha Blackburn', role: 'Republican Senator', start: 0, end: 35 })
    expect(at('Shou Zi Chew, TikTok’s chief executive, said')).toMatchObject({ name: 'Shou Zi Chew', role: 'TikTok’s chief executive', end: 12 })
    expect(at('Later she said')).toMatchObject({ kind: 'pronoun', text: 'she', start: 6 })
    expect(at('Trump, who has often said')).toMatchObject({ kind: 'relative', text: 'who', name: 'Trump' })
    expect(at('the FCC commissioner said')).toMatchObject({ kind: 'description', text: 'the FCC commissioner' })
    expect(at('the weather said')).toBeNull()
  })

  it('reads the speaker after a cue with its role', () => {
    const text = 'said Brendan Carr, the FCC commissioner.'
    expect(subjectAfter(text, 4, text.length)).toMatchObject({ name: 'Brendan Carr', role: 'FCC commissioner', start: 5, end: 17 })
  })
})

describe('linking', () => {
  it('matches name, alias and surname, and proposes the rest once', () => {
    const l = new Linker([{ id: 'brendan-carr', name: 'Brendan Carr', kind: 'person', aliases: ['the FCC commissioner'] }])
    expect(l.link('Carr', 'person')).toEqual({ actor: 'brendan-carr', matched: true, rule: 'link-surname' })
    expect(l.link('the FCC commissioner', 'person').rule).toBe('link-alias')
    expect(l.link('Kevin Sullivan', 'person')).toEqual({ actor: 'kevin-sullivan', matched: false, rule: 'link-proposed-new' })
    expect(l.link('Sullivan', 'person').actor).toBe('kevin-sullivan')
    expect(l.actors().map((a) => [a.id, a.status, a.aliases])).toEqual([['brendan-carr', 'matched', ['the FCC commissioner']], ['kevin-sullivan', 'proposed', ['Sullivan']]])
    expect(slugify('Beyoncé Knowles’s Team!')).toBe('beyonce-knowless-team')
  })
})

describe('stance', () => {
  it('scores the lexicon with negation', () => {
    expect(stanceOf('a dangerous threat')).toMatchObject({ stance: 'critical', score: -2 })
    expect(stanceOf('not a threat')).toMatchObject({ stance: 'supportive', score: 1 })
    expect(stanceOf('the meeting is on Monday')).toMatchObject({ stance: 'neutral', confidence: 0.5 })
  })
})

describe('offsets', () => {
  it('converts UTF-16 indices to code points once, with 32 code points of context', () => {
    const text = '😀'.repeat(40) + 'span' + '😀'.repeat(40)
    const cps = codePoints(text)
    const ev = cpEvidence(cps, { start: 80, end: 84 })
    expect(ev).toMatchObject({ start: 40, end: 44, text: 'span' })
    expect(Array.from(ev.before)).toHaveLength(32)
    expect(ev.after).toBe('😀'.repeat(32))
  })
})
