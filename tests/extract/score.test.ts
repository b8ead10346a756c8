// The TypeScript port of the extraction scorer (bench/extract) on tiny hand-written brat files.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAnn, readCorpus } from '../../bench/extract/brat.js'
import { scoreCorpus, type PredStatement } from '../../bench/extract/score.js'

// 0         1         2         3         4         5         6
// 0123456789012345678901234567890123456789012345678901234567890123
const TEXT = 'Title line\n“We will win the seat,” Ann Lee said. Bo Park said the vote was close.\n'
// quote 11-34, Ann Lee 35-42, said 43-47; Bo Park 49-56, said 57-61, content 62-80
const ANN = [
  'T1\tContent 11 34\t“We will win the seat,”',
  'T2\tSource 35 42\tAnn Lee',
  'T3\tCue 43 47\tsaid',
  'T4\tAttribution 43 47\tsaid',
  'E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2',
  'T5\tContent 62 80\tthe vote was close',
  'T6\tSource 49 56\tBo Park',
  'T7\tCue 57 61\tsaid',
  'T8\tAttribution 57 61\tsaid',
  'E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6',
  '',
].join('\n')

const quote = (start: number, end: number, mention: [number, number], name = 'x'): PredStatement =>
  ({ attribution: 'direct-quote', evidence: { start, end }, speakers: [{ name, mention: { start: mention[0], end: mention[1] } }] })
const para = (start: number, end: number, mention: [number, number]): PredStatement =>
  ({ attribution: 'paraphrase', evidence: { start, end }, speakers: [{ name: 'x', mention: { start: mention[0], end: mention[1] } }] })

describe('brat reading', () => {
  it('reads attributions, marks the quoted one direct, and uses the first annotator by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brat-'))
    mkdirSync(join(dir, 'text'))
    mkdirSync(join(dir, 'attributions'))
    writeFileSync(join(dir, 'text', 'a.txt'), TEXT)
    writeFileSync(join(dir, 'attributions', 'a_zed.ann'), 'T1\tContent 0 5\tTitle\nE1\tAttribution:T1 Content:T1\n')
    writeFileSync(join(dir, 'attributions', 'a_amy.ann'), ANN)
    const gold = readCorpus(dir)
    expect(gold.articles).toHaveLength(1)
    expect(gold.articles[0]!.annotator).toBe('amy')
    const [a, b] = gold.articles[0]!.attributions
    expect(a).toMatchObject({ direct: true, source: [[35, 42]], sourceText: 'Ann Lee', contentText: '“We will win the seat,”' })
    expect(b).toMatchObject({ direct: false, content: [[62, 80]] })
  })

  it('reads discontinuous spans', () => {
    const [g] = parseAnn('“A b c,” he said. “D e f.”', 'T1\tContent 0 8;18 26\tx\nT2\tSource 9 11\the\nE1\tAttribution:T1 Content:T1 Source:T2\n')
    expect(g).toMatchObject({ content: [[0, 8], [18, 26]], direct: true, sourceText: 'he' })
  })
})

describe('scoring', () => {
  const gold = { corpus: 'tiny', articles: [{ name: 'a', annotator: 'amy', text: TEXT, attributions: parseAnn(TEXT, ANN) }] }

  it('gives full marks to exact drafts', () => {
    const s = scoreCorpus(gold, () => [quote(11, 34, [35, 42]), para(62, 80, [49, 56])])
    expect(s.direct).toMatchObject({ gold: 1, predicted: 1, correct: 1, precision: 1, recall: 1 })
    expect(s.all).toMatchObject({ gold: 2, predicted: 2, correct: 2, f1: 1 })
    expect(s.errors).toEqual({})
  })

  it('counts a wrong speaker mention as not correct, unless the name shares a word', () => {
    const wrong = scoreCorpus(gold, () => [quote(11, 34, [49, 56], 'Bo Park')])
    expect(wrong.direct).toMatchObject({ spanMatched: 1, correct: 0 })
    expect(wrong.errors['direct: wrong speaker']).toBe(1)
    const byName = scoreCorpus(gold, () => [quote(11, 34, [0, 0], 'Ann Lee')])
    expect(byName.direct.correct).toBe(1)
  })

  it('needs 80% of the quoted characters', () => {
    const short = scoreCorpus(gold, () => [quote(11, 22, [35, 42])])
    expect(short.direct.correct).toBe(0)
    expect(short.errors['direct: span too short']).toBe(1)
  })

  it('counts a direct quote drafted where the gold is indirect as a false quote', () => {
    const s = scoreCorpus(gold, () => [quote(62, 80, [49, 56])])
    expect(s.direct).toMatchObject({ predicted: 1, correct: 0, precision: 0 })
    expect(s.all.correct).toBe(1)
    expect(s.errors['direct: false quote (gold not direct, or span mismatch)']).toBe(1)
    expect(s.errors['direct: missed quote']).toBe(1)
  })
})
