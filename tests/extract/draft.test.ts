// One short article per case the drafter must handle, with exact code-point offsets. The texts
// are written for these tests (never corpus text).
import { describe, expect, it } from 'vitest'
import { draftStatements, type DraftStatement, type KnownActor } from '../../src/extract/index.js'

const known: KnownActor[] = [
  { id: 'brendan-carr', name: 'Brendan Carr', kind: 'person', aliases: ['Carr', 'the FCC commissioner'] },
  { id: 'tiktok', name: 'TikTok', kind: 'organisation', aliases: ['the app'] },
  { id: 'acme', name: 'Acme Corp', kind: 'organisation', aliases: [] },
]

const draft = (text: string) => draftStatements(text, { knownActors: known })
const only = (text: string): DraftStatement => {
  const d = draft(text)
  expect(d.statements).toHaveLength(1)
  return d.statements[0]!
}
/** Code-point slice, to check that offsets and texts agree. */
const cpSlice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('')

describe('direct quotes', () => {
  it('takes the speaker after the quote, verb first, with the appositive as role', () => {
    const text = '“The app is a risk to users,” said Brendan Carr, the FCC commissioner.'
    const s = only(text)
    expect(s).toMatchObject({
      attribution: 'direct-quote',
      verb: 'say',
      text: 'The app is a risk to users',
      evidence: { start: 0, end: 29, text: '“The app is a risk to users,”', before: '', after: ' said Brendan Carr, the FCC comm' },
      cue: { start: 30, end: 34, text: 'said' },
      rule: 'quote-verb-speaker-after',
    })
    expect(s.speakers).toEqual([{
      actor: 'brendan-carr', name: 'Brendan Carr', role: 'FCC commissioner', matched: true, mention: { start: 35, end: 47, text: 'Brendan Carr' }, rule: expect.any(String),
    }])
  })

  it('takes the speaker after the quote, speaker first, and links a surname to a known actor', () => {
    const s = only('“We will appeal the ruling,” Carr said.')
    expect(s.rule).toBe('quote-speaker-verb-after')
    expect(s.evidence).toMatchObject({ start: 0, end: 28 })
    expect(s.speakers[0]).toMatchObject({ actor: 'brendan-carr', matched: true, mention: { start: 29, end: 33, text: 'Carr' } })
  })

  it('takes the speaker before a colon and the quote', () => {
    const s = only('Carr said: “The rules are clear.”')
    expect(s).toMatchObject({ attribution: 'direct-quote', text: 'The rules are clear.', rule: 'speaker-verb-colon-quote', evidence: { start: 11, end: 33 } })
    expect(s.speakers[0]!.mention).toEqual({ start: 0, end: 4, text: 'Carr' })
  })

  it('reads straight quote marks', () => {
    const s = only('"We are ready for the vote," Carr said.')
    expect(s).toMatchObject({ attribution: 'direct-quote', text: 'We are ready for the vote', evidence: { start: 0, end: 28 } })
  })

  it('keeps a quote split around its attribution as one statement spanning both parts', () => {
    const text = 'Maria Lopez runs the clinic. “We are full every night,” she said. “We need more beds.”'
    const s = only(text)
    expect(s.attribution).toBe('direct-quote')
    expect(s.evidence).toMatchObject({ start: 29, end: 86, text: '“We are full every night,” she said. “We need more beds.”' })
    expect(s.text).toBe('We are full every night We need more beds.')
    expect(s.rule).toBe('quote-speaker-verb-after-split')
    // the pronoun is the mention; the actor is the woman the text named before
    expect(s.speakers[0]).toMatchObject({ actor: 'maria-lopez', name: 'Maria Lopez', matched: false, mention: { start: 56, end: 59, text: 'she' } })
  })

  it('continues a quote over paragraphs when the next paragraph opens with a quote mark', () => {
    const text = 'Maria Lopez said: “The first part of the quote goes here.\n\n“The second part ends here.”'
    const s = only(text)
    expect(s.evidence).toMatchObject({ start: 18, end: 87 })
    expect(s.text).toBe('The first part of the quote goes here. The second part ends here.')
  })

  it('gives a paragraph wholly in quotes to the previous speaker, with lower confidence', () => {
    const text = 'Maria Lopez said the clinic was full.\n\n“We need more beds and more nurses.”'
    const d = draft(text)
    expect(d.statements).toHaveLength(2)
    const [first, second] = d.statements
    expect(second).toMatchObject({ attribution: 'direct-quote', rule: 'quote-previous-speaker', evidence: { start: 39, end: 75 } })
    expect(second!.speakers[0]!.actor).toBe('maria-lopez')
    expect(second!.confidence).toBeLessThan(first!.confidence)
  })

  it('counts code points, not UTF-16 units, around emoji', () => {
    const text = '🎉 Party time. “We won 🏆 today,” said Ana Ruiz.'
    const s = only(text)
    expect(s.evidence).toMatchObject({ start: 14, end: 31, text: '“We won 🏆 today,”', before: '🎉 Party time. ' })
    expect(text.indexOf('“')).toBe(15) // the UTF-16 index differs
    expect(s.speakers[0]!.mention).toEqual({ start: 37, end: 45, text: 'Ana Ruiz' })
    expect(cpSlice(text, s.cue.start, s.cue.end)).toBe('said')
  })

  it('keeps 32 code points of context either side', () => {
    const lead = 'x'.repeat(40) + '. '
    const s = only(lead + '“Prices will fall next year,” Carr said. ' + 'y'.repeat(40))
    expect(s.evidence.before).toBe(lead.slice(-32))
    expect(Array.from(s.evidence.after)).toHaveLength(32)
  })
})

describe('other attribution layouts', () => {
  it('takes a dash and a name after a quote as its speaker', () => {
    const s = only('“We will rebuild the bridge this year.” ― Ana Ruiz')
    expect(s).toMatchObject({ attribution: 'direct-quote', rule: 'quote-dash-speaker', evidence: { start: 0, end: 39 }, cue: { start: 40, end: 41, text: '―' } })
    expect(s.speakers[0]!.mention).toEqual({ start: 42, end: 50, text: 'Ana Ruiz' })
  })

  it('gives the quote of the next paragraph to "X said:" closing the one before', () => {
    const s = only('Ana Ruiz said:\n\n“We will rebuild the bridge this year.”')
    expect(s).toMatchObject({ attribution: 'direct-quote', rule: 'speaker-verb-colon-paragraph', evidence: { start: 16, end: 55 } })
    expect(s.speakers[0]!.mention).toEqual({ start: 0, end: 8, text: 'Ana Ruiz' })
  })

  it('splits "“A,” X said, adding that “B”" into two statements, one per verb', () => {
    const d = draft('“We will rebuild the bridge,” Ruiz said, adding that “the money is already there.”')
    expect(d.statements.map((s) => [s.verb, s.rule, s.evidence.start, s.evidence.end])).toEqual([
      ['say', 'quote-speaker-verb-after', 0, 29],
      ['add', 'quote-then-second-verb', 48, 82],
    ])
  })

  it('reads a speaker label and a colon opening a paragraph', () => {
    const s = only('Lee: We Will Win the Seat in November')
    expect(s).toMatchObject({ attribution: 'paraphrase', rule: 'label-colon', evidence: { start: 5, end: 37 }, cue: { start: 3, end: 4, text: ':' } })
    expect(s.speakers[0]!.mention).toEqual({ start: 0, end: 3, text: 'Lee' })
  })

  it('reads quotes between doubled apostrophes', () => {
    const s = only("''We are done with this plan,'' Mr. Lee said.")
    expect(s).toMatchObject({ attribution: 'direct-quote', text: 'We are done with this plan', evidence: { start: 0, end: 31 } })
    expect(s.speakers[0]).toMatchObject({ name: 'Lee', mention: { start: 32, end: 39, text: 'Mr. Lee' } })
  })
})

describe('paraphrase and according-to', () => {
  it('drafts indirect speech with and without "that"', () => {
    const text = 'Maria Lopez said that the clinic would stay open. Lopez argued the plan was unfair.'
    const [a, b] = draft(text).statements
    // the evidence keeps "that" (as PolNeAR's content spans do); the text drops it
    expect(a).toMatchObject({ attribution: 'paraphrase', verb: 'say', text: 'the clinic would stay open', evidence: { start: 17, end: 48, text: 'that the clinic would stay open' }, rule: 'speaker-verb-that' })
    expect(b).toMatchObject({ attribution: 'paraphrase', verb: 'argue', text: 'the plan was unfair', evidence: { start: 63, end: 82 } })
    expect(b!.speakers[0]).toMatchObject({ actor: 'maria-lopez', mention: { start: 50, end: 55, text: 'Lopez' } })
  })

  it('drafts "according to X" as according-to, the speaker being X', () => {
    const s = only('The plant will close in May, according to the union.')
    expect(s).toMatchObject({ attribution: 'according-to', verb: 'according to', text: 'The plant will close in May', evidence: { start: 0, end: 27 }, cue: { start: 29, end: 41 } })
    expect(s.speakers[0]).toMatchObject({ actor: 'union', matched: false, mention: { start: 42, end: 51, text: 'the union' } })
  })

  it('drafts "..., X said." with the content before the comma', () => {
    const s = only('It wasn’t Carr’s idea, and the ’90s rules don’t apply, Lopez said.')
    expect(s).toMatchObject({ attribution: 'paraphrase', rule: 'clause-comma-speaker-verb', evidence: { start: 0, end: 53 } })
    expect(s.speakers[0]!.mention).toEqual({ start: 55, end: 60, text: 'Lopez' })
    // Carr is talked about, not speaking
    expect(s.targets.map((t) => t.actor)).toEqual(['brendan-carr'])
  })

  it('splits "acknowledged ... but argued ..." into two statements', () => {
    const d = draft('Acme Corp acknowledged that sales fell but argued that the trend would reverse.')
    expect(d.statements.map((s) => [s.verb, s.text])).toEqual([['acknowledge', 'sales fell'], ['argue', 'the trend would reverse']])
    expect(d.statements[1]!.rule).toBe('conj-second-verb')
  })
})

describe('speakers', () => {
  it('resolves a description to the organisation named before, keeping the mention', () => {
    const s = only('Acme Corp opened a new plant. “Sales are up this year,” the company said.')
    expect(s.speakers[0]).toMatchObject({ actor: 'acme', matched: true, mention: { start: 56, end: 67, text: 'the company' } })
  })

  it('resolves "he wrote" to the person named before', () => {
    const s = only('Brendan Carr met the press. “It harvests data,” he wrote.')
    expect(s.verb).toBe('write')
    expect(s.speakers[0]).toMatchObject({ actor: 'brendan-carr', mention: { start: 48, end: 50, text: 'he' } })
  })

  it('resolves a description alias ("the FCC commissioner")', () => {
    const s = only('“The rules protect children,” the FCC commissioner said.')
    expect(s.speakers[0]).toMatchObject({ actor: 'brendan-carr', mention: { start: 30, end: 50, text: 'the FCC commissioner' } })
  })

  it('takes a title before the name as the role', () => {
    const s = only('FCC commissioner Brendan Carr said the app was unsafe for children.')
    expect(s.speakers[0]).toMatchObject({ actor: 'brendan-carr', role: 'FCC commissioner', mention: { start: 0, end: 29 } })
    expect(s.targets).toMatchObject([{ actor: 'tiktok' }])
  })

  it('takes an appositive after the name as the role', () => {
    const s = only('Shou Zi Chew, TikTok’s chief executive, wrote that the company would comply.')
    expect(s.speakers[0]).toMatchObject({ actor: 'shou-zi-chew', name: 'Shou Zi Chew', role: 'TikTok’s chief executive', matched: false, mention: { start: 0, end: 12 } })
  })

  it('proposes unknown speakers with slug ids, a kind guess and the aliases seen', () => {
    const d = draft('Jane Doe, a nurse, said the Riverton Council had failed the town. The Riverton Council said it would review the plan. Doe said she was not surprised.')
    expect(d.actors).toEqual([
      { id: 'jane-doe', name: 'Jane Doe', kind: 'person', aliases: ['Doe'], status: 'proposed', rule: 'link-proposed-new' },
      { id: 'riverton-council', name: 'Riverton Council', kind: 'organisation', aliases: [], status: 'proposed', rule: 'link-proposed-new' },
    ])
    expect(d.statements[0]!.targets).toMatchObject([{ actor: 'riverton-council', stance: 'critical' }])
    for (const a of d.actors) expect(a.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  })
})

describe('targets and stance', () => {
  it('finds the actor a quote is about, critical by the lexicon, and never the speaker', () => {
    const s = only('“TikTok is a dangerous threat,” Carr said.')
    expect(s.targets).toEqual([{ actor: 'tiktok', name: 'TikTok', stance: 'critical', confidence: 0.8, rule: 'target-named' }])
    const self = only('“Carr is right and Carr is honest,” Carr said.')
    expect(self.targets).toEqual([])
  })
})

describe('what is not a statement', () => {
  it('ignores titles and scare quotes', () => {
    expect(draft('She appeared on “Shark Tank” last year. The so-called “experts” disagreed.').statements).toEqual([])
  })

  it('ignores a quote with no speaker anywhere', () => {
    expect(draft('“Nothing will change for anyone here.”').statements).toEqual([])
  })

  it('does not take apostrophes for quote marks', () => {
    expect(draft('It isn’t Carr’s fault that the ’90s rules don’t fit.').statements).toEqual([])
  })
})
