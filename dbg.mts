import { draftStatements } from './src/extract/index.js'
for (const t of process.argv.slice(2)) {
  const d = draftStatements(t)
  console.log('---', JSON.stringify(t))
  for (const s of d.statements) console.log(s.attribution, s.rule, s.confidence, JSON.stringify(s.evidence.text), s.speakers.map((x: any) => x.mention?.text + '/' + x.name).join(','), s.verb)
}
