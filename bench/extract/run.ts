// npm run bench:extract -- [--corpus DIR] [--preds-out FILE] [--out-dir DIR]
// Drafts every article of a brat corpus, scores the drafts as /work/shared/tools/extract-score.mjs
// does, and writes bench/results/extract.{md,json}: scores, error classes, timings. The results
// hold counts, scores and article file names only, never corpus text.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { draftStatements, type DraftStatement } from '../../src/extract/index.js'
import { readCorpus } from './brat.js'
import { scoreArticle, emptyTotals, summarise } from './score.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const args = process.argv.slice(2)
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const corpus = resolve(root, opt('--corpus') ?? '../shared/corpora/polnear-dev')
const predsOut = opt('--preds-out')
const outDir = resolve(root, opt('--out-dir') ?? 'bench/results')

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : 0
}
const ms = (x: number): number => +x.toFixed(2)

const gold = readCorpus(corpus)
const T = emptyTotals(); const errors: Record<string, number> = {}
const times: number[] = []
const preds: Record<string, { statements: DraftStatement[] }> = {}
const perArticle: Array<{ name: string, words: number, statements: number, ms: number }> = []
// one warm-up pass so the timings below are warm
for (const art of gold.articles.slice(0, 5)) draftStatements(art.text, { title: art.text.split('\n')[0] })
for (const art of gold.articles) {
  const t0 = performance.now()
  const draft = draftStatements(art.text, { title: art.text.split('\n')[0]!.slice(0, 200) })
  const dt = performance.now() - t0
  times.push(dt)
  preds[art.name] = { statements: draft.statements }
  perArticle.push({ name: art.name, words: (art.text.match(/\S+/g) ?? []).length, statements: draft.statements.length, ms: ms(dt) })
  scoreArticle(art, draft.statements, T, errors)
}
const score = summarise(T, errors)

// A 1,000-word article: the corpus words, cut at 1,000 (made at run time, never stored).
const allWords = gold.articles.map((a) => a.text).join('\n\n').split(/(?<=\s)/)
let thousand = ''; let n = 0
for (const w of allWords) { if (/\S/.test(w)) n++; if (n > 1000) break; thousand += w }
const warm: number[] = []
for (let i = 0; i < 5; i++) draftStatements(thousand)
for (let i = 0; i < 40; i++) {
  const t0 = performance.now(); draftStatements(thousand); warm.push(performance.now() - t0)
}

const goal = { directPrecision: 0.9, directRecall: 0.85, allF1: 0.6, thousandWordP50Ms: 50 }
const result = {
  corpus: relative(root, corpus) || corpus,
  articles: gold.articles.length,
  attributions: { gold: T.aG, direct: T.dG },
  direct: score.direct,
  all: score.all,
  goal,
  met: {
    directPrecision: score.direct.precision >= goal.directPrecision,
    directRecall: score.direct.recall >= goal.directRecall,
    allF1: score.all.f1 >= goal.allF1,
    thousandWordP50: pct(warm, 0.5) < goal.thousandWordP50Ms,
  },
  errors: score.errors,
  timing: {
    perArticleMs: { p50: ms(pct(times, 0.5)), p95: ms(pct(times, 0.95)), max: ms(Math.max(...times)) },
    thousandWordWarmMs: { p50: ms(pct(warm, 0.5)), p95: ms(pct(warm, 0.95)), runs: warm.length },
    node: process.version,
  },
  perArticle,
}
mkdirSync(outDir, { recursive: true })
writeFileSync(join(outDir, 'extract.json'), JSON.stringify(result, null, 2) + '\n')
const yes = (b: boolean): string => (b ? 'met' : '**not met**')
const md = `# Extraction benchmark

Corpus \`${result.corpus}\`: ${result.articles} articles, ${T.aG} gold attributions, ${T.dG} direct quotes
(brat standoff, first annotator by sorted file name). Scored as \`/work/shared/tools/extract-score.mjs\` scores
(port: \`bench/extract/score.ts\`). Written by \`npm run bench:extract\`; counts and scores only, no corpus text.

| measure | value | goal | |
|---|---|---|---|
| direct-quote precision | ${score.direct.precision} (${score.direct.correct}/${score.direct.predicted}) | ≥ ${goal.directPrecision} | ${yes(result.met.directPrecision)} |
| direct-quote recall | ${score.direct.recall} (${score.direct.correct}/${score.direct.gold}) | ≥ ${goal.directRecall} | ${yes(result.met.directRecall)} |
| direct-quote F1 | ${score.direct.f1} (span matched: ${score.direct.spanMatched}) | | |
| all attributions precision | ${score.all.precision} (${score.all.correct}/${score.all.predicted}) | | |
| all attributions recall | ${score.all.recall} (${score.all.correct}/${score.all.gold}) | | |
| all attributions F1 | ${score.all.f1} | ≥ ${goal.allF1} | ${yes(result.met.allF1)} |
| 1,000-word article, warm p50 | ${result.timing.thousandWordWarmMs.p50} ms (p95 ${result.timing.thousandWordWarmMs.p95} ms) | < ${goal.thousandWordP50Ms} ms | ${yes(result.met.thousandWordP50)} |
| per article p50 / p95 | ${result.timing.perArticleMs.p50} ms / ${result.timing.perArticleMs.p95} ms | | |

## Error classes

| class | count |
|---|---|
${Object.entries(score.errors).map(([k, v]) => `| ${k} | ${v} |`).join('\n')}

Direct classes count gold direct quotes without a correct draft (missed, span too short or long,
drafted as another attribution, wrong or no speaker) and drafted direct quotes matching no gold
direct quote (false quote). "All" classes do the same for every attribution.

## Where the drafter and this gold disagree by convention

- Quotes between doubled apostrophes (\`''...''\`, in some wire copy) are direct quotes to the
  drafter; the gold's test counts only \`"\` \`“\` \`”\` as quote marks, so each is a false quote here
  (the class above counts them apart).
- A clause whose quote runs to eight words or more is a direct quote when the quote is at least
  40% of it (graph-seed/README.md: a partly quoted sentence is a direct quote); the gold calls a
  clause direct from 50%, which is the drafter's threshold for shorter quotes.
- A transcript line inside one open quote mark (\`"NAME: ...\`) is a direct quote to the drafter;
  the gold's content starts after the mark, so it is not direct there.
`
writeFileSync(join(outDir, 'extract.md'), md)
if (predsOut) writeFileSync(resolve(predsOut), JSON.stringify(preds))
console.log(JSON.stringify({ direct: score.direct, all: score.all, timing: result.timing, met: result.met }))
console.log(Object.entries(score.errors).map(([k, v]) => `${v}\t${k}`).join('\n'))
