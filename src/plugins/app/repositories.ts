// Domain repositories, one per area, each owning its Cypher; routes reach them as fastify.repos.
import fp from 'fastify-plugin'
import { ActorsRepository } from '../../repositories/actors.js'
import { DocumentsRepository } from '../../repositories/documents.js'
import { GraphRepository } from '../../repositories/graph.js'
import { SearchRepository } from '../../repositories/search.js'
import { StatementsRepository } from '../../repositories/statements.js'

export interface Repositories {
  actors: ActorsRepository
  statements: StatementsRepository
  documents: DocumentsRepository
  graph: GraphRepository
  search: SearchRepository
}

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
  }
}

export default fp(async (fastify) => {
  fastify.decorate('repos', {
    actors: new ActorsRepository(fastify.db),
    statements: new StatementsRepository(fastify.db),
    documents: new DocumentsRepository(fastify.db),
    graph: new GraphRepository(fastify.db),
    search: new SearchRepository(fastify.db),
  })
}, { name: 'repositories', dependencies: ['neo4j'] })
