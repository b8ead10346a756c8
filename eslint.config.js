import neostandard from 'neostandard'

export default neostandard({
  ts: true,
  ignores: ['explorer/src/api-types.ts', 'dist/**', 'node_modules/**', '.neo4j/**', 'openapi/**', 'bench/results/**', '.venv/**'],
})
