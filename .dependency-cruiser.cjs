// The house rules, checked by `npm run lint:deps` (part of `npm test`): every folder of src/ is one
// layer, and imports only point down. Layers from the top (see src/README.md):
//   entry (start.ts, server.ts) > app.ts > routes > plugins > services > repositories > db
//   > formats (export serializers) > schemas > domain (pure: the seed model, validation, extraction) > base (lib, config, logger,
//   local-neo4j)
// tools/, bench/ and tests/ sit above all of src/ and may use any of it; src/ never imports them.
const LAYERS = [
  ['entry', '^src/(start|server)\\.ts$'],
  ['app', '^src/app\\.ts$'],
  ['routes', '^src/routes/'],
  ['plugins', '^src/plugins/'],
  ['services', '^src/services/'],
  ['repositories', '^src/repositories/'],
  ['db', '^src/db/'],
  ['formats', '^src/formats/'],
  ['schemas', '^src/schemas/'],
  ['domain', '^src/(domain|extract)/'],
  ['base', '^src/(lib/|config\\.ts$|logger\\.ts$|local-neo4j/)'],
]

const upward = LAYERS.slice(1).map(([name, path], i) => ({
  name: `no-upward-import-from-${name}`,
  comment: `${name} may import only the layers below it`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(0, i + 1).map(([, p]) => `(${p})`).join('|') },
}))

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no import cycles anywhere', from: {}, to: { circular: true } },
    ...upward,
    {
      name: 'src-never-imports-tools-tests-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tools|tests|bench)/' },
    },
    {
      name: 'pure-domain',
      comment: 'domain code knows no database, no HTTP framework, no file system',
      severity: 'error',
      from: { path: '^src/(domain|extract|formats)/' },
      to: { dependencyTypes: ['npm', 'core'], path: '(^|/)node_modules/(neo4j-driver|fastify|@fastify)/|^(node:)?(fs|child_process|net|http)$' },
    },
    {
      name: 'only-db-and-repositories-touch-the-driver',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(db|repositories|local-neo4j)/' },
      to: { path: '(^|/)node_modules/neo4j-driver/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.neo4j|\\.venv)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
}
