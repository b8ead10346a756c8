// The peer: the same graph served by the Neo4j GraphQL Library (@neo4j/graphql 7) through
// graphql-yoga, as its own process. Run: node --import tsx bench/servers/graphql-peer.ts
// Env: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, PORT. Ready when GET /ready answers.
import { createServer } from 'node:http'
import { Neo4jGraphQL } from '@neo4j/graphql'
import { createYoga } from 'graphql-yoga'
import neo4j from 'neo4j-driver'

// The whosaid graph as GraphQL types: nodes, their relationships, and the properties on SAID,
// ABOUT and REPORTED_IN. The full-text indexes are the ones src/db/schema.ts creates.
export const TYPE_DEFS = /* GraphQL */ `
type Actor @node @fulltext(indexes: [{ indexName: "actor_search", queryName: "actorSearch", fields: ["name", "aliasText", "description"] }]) {
  id: ID!
  name: String!
  kind: String!
  aliases: [String!]
  aliasText: String
  description: String
  said: [Statement!]! @relationship(type: "SAID", direction: OUT, properties: "Said")
  mentionedIn: [Statement!]! @relationship(type: "ABOUT", direction: IN, properties: "About")
  affiliatedWith: [Actor!]! @relationship(type: "AFFILIATED_WITH", direction: OUT, properties: "Affiliation")
  affiliates: [Actor!]! @relationship(type: "AFFILIATED_WITH", direction: IN, properties: "Affiliation")
}

type Said @relationshipProperties { role: String, position: Int }
type About @relationshipProperties { stance: String }
type Affiliation @relationshipProperties { type: String, role: String, since: String, until: String }
type Evidence @relationshipProperties { start: Int, end: Int, text: String, before: String, after: String, documentHash: String }

type Statement @node @fulltext(indexes: [{ indexName: "statement_search", queryName: "statementSearch", fields: ["text"] }]) {
  id: ID!
  attribution: String!
  verb: String!
  text: String!
  date: String
  datePrecision: String
  dateStart: String
  dateEnd: String
  note: String
  speakers: [Actor!]! @relationship(type: "SAID", direction: IN, properties: "Said")
  targets: [Actor!]! @relationship(type: "ABOUT", direction: OUT, properties: "About")
  topics: [Topic!]! @relationship(type: "ON_TOPIC", direction: OUT)
  reportedIn: [Document!]! @relationship(type: "REPORTED_IN", direction: OUT, properties: "Evidence")
  originalDocument: [Document!]! @relationship(type: "ORIGINALLY_IN", direction: OUT)
  respondsTo: [Statement!]! @relationship(type: "RESPONDS_TO", direction: OUT)
  contradicts: [Statement!]! @relationship(type: "CONTRADICTS", direction: OUT)
  supports: [Statement!]! @relationship(type: "SUPPORTS", direction: OUT)
  repeats: [Statement!]! @relationship(type: "REPEATS", direction: OUT)
  respondedToBy: [Statement!]! @relationship(type: "RESPONDS_TO", direction: IN)
  contradictedBy: [Statement!]! @relationship(type: "CONTRADICTS", direction: IN)
  supportedBy: [Statement!]! @relationship(type: "SUPPORTS", direction: IN)
  repeatedBy: [Statement!]! @relationship(type: "REPEATS", direction: IN)
}

type Document @node @fulltext(indexes: [{ indexName: "document_search", queryName: "documentSearch", fields: ["title"] }]) {
  id: ID!
  title: String!
  kind: String!
  date: String
  datePrecision: String
  url: String
  publisher: [Actor!]! @relationship(type: "PUBLISHED_BY", direction: OUT)
}

type Topic @node {
  id: ID!
  name: String!
}
`

async function main (): Promise<void> {
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687'
  const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), {
    maxConnectionPoolSize: Number(process.env.NEO4J_MAX_POOL_SIZE ?? 50),
    userAgent: 'whosaid-bench-graphql',
    logging: { level: 'warn', logger: () => {} },
  })
  await driver.verifyConnectivity()
  const database = process.env.NEO4J_DATABASE ?? 'neo4j'
  const schema = await new Neo4jGraphQL({
    typeDefs: TYPE_DEFS,
    driver,
    // String comparisons (gte) are off by default; the "since" filter needs them on dateEnd.
    features: { filters: { String: { GT: true, GTE: true, LT: true, LTE: true } } },
  }).getSchema()
  const yoga = createYoga({
    schema,
    context: () => ({ sessionConfig: { database } }),
    graphiql: false,
    landingPage: false,
    logging: 'warn',
    maskedErrors: false,
  })
  const server = createServer((req, res) => {
    if (req.url === '/ready') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
      return
    }
    Promise.resolve(yoga(req, res)).catch(() => { res.destroy() })
  })
  server.keepAliveTimeout = 72_000
  const port = Number(process.env.PORT ?? 4000)
  server.listen(port, '127.0.0.1')
  const shutdown = (): void => {
    server.close()
    driver.close().finally(() => process.exit(0)).catch(() => {})
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}

await main()
