// npm run bench renders results/README.md itself; this re-renders it (or quick.md) from the JSON
// the run wrote, after a change to the report's layout. No figure is recomputed or typed in.
// Usage: tsx bench/render.ts [results/latest.json | results/quick.json | results/export.json]
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { evaluateTargets, renderMarkdown } from './lib/report.js'
import { sweepChart } from './lib/chart.js'
import type { BenchResults } from './lib/results.js'

const file = process.argv[2] ?? join(import.meta.dirname, 'results', 'latest.json')
const bench = JSON.parse(readFileSync(file, 'utf8')) as BenchResults
bench.targets = evaluateTargets(bench)
const MARKDOWN: Record<string, string> = { 'quick.json': 'quick.md', 'export.json': 'export.md' }
const out = join(dirname(file), MARKDOWN[basename(file)] ?? 'README.md')
writeFileSync(out, renderMarkdown(bench))
console.log(`wrote ${out}`)
// The degree sweep's charts, from the same JSON.
for (const size of bench.sizes) {
  if (!size.sweep || size.sweep.length === 0) continue
  const svg = join(dirname(file), `sweep-${size.label}${bench.meta.mode === 'quick' ? '-quick' : ''}.svg`)
  writeFileSync(svg, sweepChart(size.sweep, `${size.label} graph (${size.statements} statements), p50 of ${size.sweep[0]!.requests} requests on one connection`))
  console.log(`wrote ${svg}`)
}
