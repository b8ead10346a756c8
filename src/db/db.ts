// The database boundary: the process's one neo4j-driver instance, managed transactions with an
// explicit database, the request's causal chain (bookmarks), and driver values turned into JSON
// here and nowhere else. Repositories are the only callers.
import neo4j, { type Driver, type ManagedTransaction, type RoutingControl } from 'neo4j-driver'
import type { Config } from '../config.js'
import { toNeo4jParams, toPlain } from './values.js'
import { requestContext } from './request-context.js'

export type Row = Record<string, unknown>

/**
 * A managed transaction as repositories see it: parameters go in and plain JSON rows come out,
 * converted here like every other query's, so no repository handles driver values.
 */
export interface Tx {
  run (cypher: string, params?: Record<string, unknown>): Promise<Row[]>
}

/** Counts a query (a round trip) against the current request, if any. */
async function counted<T> (work: () => Promise<T>): Promise<T> {
  const context = requestContext.getStore()
  if (!context) return work()
  const started = performance.now()
  try {
    return await work()
  } finally {
    context.queries++
    context.queryMs += performance.now() - started
  }
}

function wrap (tx: ManagedTransaction): Tx {
  return {
    async run (cypher, params = {}) {
      const result = await counted(() => tx.run(cypher, toNeo4jParams(params)))
      return result.records.map((r) => toPlain(r.toObject()) as Row)
    },
  }
}

export class Db {
  constructor (
    readonly driver: Driver,
    readonly database: string,
    private readonly timeoutMs: number
  ) {}

  private async run (routing: RoutingControl, cypher: string, params: Record<string, unknown>): Promise<Row[]> {
    const bookmarkManager = requestContext.getStore()?.bookmarkManager
    const result = await counted(() => this.driver.executeQuery(cypher, toNeo4jParams(params), {
      database: this.database,
      routing,
      // Within a request, every query joins the request's causal chain (see request-context.ts);
      // elsewhere the driver's process-wide chain applies.
      ...(bookmarkManager ? { bookmarkManager } : {}),
      transactionConfig: { timeout: this.timeoutMs },
    }))
    return result.records.map((r) => toPlain(r.toObject()) as Row)
  }

  /** One auto-retried read transaction, routed to a reader; rows come back as plain JSON. */
  read (cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.run(neo4j.routing.READ, cypher, params)
  }

  /** One auto-retried write transaction; rows come back as plain JSON. */
  write (cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.run(neo4j.routing.WRITE, cypher, params)
  }

  /** Several queries in one managed write transaction (all or nothing). */
  async writeTx<T> (work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE, ...this.sessionBookmarks() })
    try {
      return await session.executeWrite((tx) => work(wrap(tx)), { timeout: this.timeoutMs })
    } finally {
      await session.close()
    }
  }

  private sessionBookmarks () {
    const bookmarkManager = requestContext.getStore()?.bookmarkManager ?? this.driver.executeQueryBookmarkManager
    return { bookmarkManager }
  }

  /** The same driver and database with another transaction timeout (seeding, migrations). */
  withTimeout (timeoutMs: number): Db {
    return new Db(this.driver, this.database, timeoutMs)
  }

  async ping (): Promise<void> {
    await this.read('RETURN 1 AS ok')
  }
}

export function createDriver (config: Config, uri: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    maxConnectionPoolSize: config.NEO4J_MAX_POOL_SIZE,
    // Short enough that /health/ready answers 503 quickly while the database is down,
    // long enough for a busy server to hand out a connection.
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 5_000,
    // Every integer the graph holds (counts, offsets, positions) fits in a double: numbers come
    // back as numbers instead of Integer objects that toPlain would convert one by one.
    disableLosslessIntegers: true,
    // Notifications are left on: turning them off (notificationFilter OFF) measured no gain in
    // API CPU per request (bench:round-trips, 2026-12-02: 0.86-1.06x without it against with it).
    userAgent: 'whosaid',
    logging: { level: 'warn', logger: () => {} },
  })
}
