/** The request whose answer illustrates each operation. */
export interface ExampleRequest {
  method: 'GET' | 'POST'
  url: string
  /** a file whose JSON is the body */
  bodyFile?: string
  /** a text file sent as the JSON body's `text`, with these other fields */
  textFile?: { path: string, fields: Record<string, string> }
}

export const EXAMPLE_REQUESTS: Record<string, string | ExampleRequest> = {
  listActors: '/v1/actors?limit=2',
  getActor: '/v1/actors/brendan-carr',
  listActorStatements: '/v1/actors/brendan-carr/statements?limit=1',
  listActorMentions: '/v1/actors/tiktok/mentions?stance=critical&limit=1',
  listStatements: '/v1/statements?about=tiktok&stance=critical&limit=1',
  getStatement: '/v1/statements/cloutier-minimize-data-access-across-regions',
  whoSaidWhatAbout: '/v1/who-said-what-about/tiktok?limit=1&perSpeaker=1',
  stanceMatrix: '/v1/stance-matrix?speakers=brendan-carr,marsha-blackburn&limit=3',
  stanceTimeline: '/v1/stance-timeline?speaker=brendan-carr&target=tiktok&interval=month',
  listDocuments: '/v1/documents?limit=2',
  getDocument: '/v1/documents/cloutier-blog-post-2020',
  neighbourhood: '/v1/graph/neighbourhood/shou-zi-chew?depth=1&limit=10',
  paths: '/v1/paths?from=brendan-carr&to=oracle&maxHops=4',
  search: '/v1/search?q=oracle&limit=2',
  stats: '/v1/stats',
  listChanges: '/v1/changes?since=2000-01-01T00:00:00Z&limit=2',
  // Importing the article again into the seeded graph: everything unchanged.
  importGraph: { method: 'POST', url: '/v1/import', bodyFile: 'graph-seed/tiktok-on-defense-2022.json' },
  // Drafting the curated article (the project's own text) against the graph that holds it.
  extractStatements: {
    method: 'POST',
    url: '/v1/extract',
    textFile: { path: 'graph-seed/documents/tiktok-on-defense-2022.txt', fields: { documentId: 'tiktok-on-defense-2022-draft', date: '2022-07' } },
  },
}
