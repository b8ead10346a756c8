// Query plans: each endpoint's repository calls run once through a Db that records every query
// and its parameters; each recorded query is then run again under PROFILE with the same
// parameters. For every query: total db hits, rows, the operators, and the offenders the issue
// names (label or all-node scans, unbounded variable-length expansions) plus full index scans.
import neo4j, { type ProfiledPlan } from 'neo4j-driver'
import { Db } from '../../src/db/db.js'
import { toNeo4jParams } from '../../src/db/values.js'
import { inRequest, repositories, type Endpoint, type ProfiledCall } from './endpoints.js'

class RecordingDb extends Db {
  readonly calls: Array<{ cypher: string, params: Record<string, unknown> }> = []

  override read (cypher: string, params: Record<string, unknown> = {}) {
    this.calls.push({ cypher, params })
    return super.read(cypher, params)
  }
}

export interface PlanNode {
  operator: string
  details: string
  rows: number
  dbHits: number
  children: PlanNode[]
}

export interface QueryProfile {
  cypher: string
  params: Record<string, unknown>
  dbHits: number
  rows: number
  ms: number
  operators: string[]
  labelScans: string[]
  unboundedExpansions: string[]
  fullIndexScans: string[]
  /** Expands that produced more rows than a few pages need (a walk over an actor's relationships). */
  wideExpands?: string[]
  /** Sorts whose input was more than a few pages (the page was not read in index order). */
  bigSorts?: string[]
  /** The operator with the most db hits, and how many. */
  hottest: { operator: string, details: string, dbHits: number }
  plan: PlanNode
}

export interface EndpointProfile {
  key: string
  title: string
  path: string
  actor: string
  queries: QueryProfile[]
  dbHits: number
  offenders: string[]
}

const num = (v: unknown): number => typeof v === 'number' ? v : neo4j.isInt(v) ? (v as { toNumber: () => number }).toNumber() : Number(v ?? 0)

function compact (plan: ProfiledPlan): PlanNode {
  const args = plan.arguments as Record<string, unknown>
  return {
    operator: plan.operatorType.replace(/@neo4j$/, ''),
    details: String(args.Details ?? ''),
    rows: num(plan.rows),
    dbHits: num(plan.dbHits),
    children: plan.children.map(compact),
  }
}

function walk (node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node)
  for (const child of node.children) walk(child, visit)
}

// A variable-length pattern without an upper bound: [*], [*2..], [:T*] ...
const UNBOUNDED = /\*\s*(\d+\s*)?(\.\.\s*)?\]/

export function analyse (plan: PlanNode): Pick<QueryProfile, 'dbHits' | 'operators' | 'labelScans' | 'unboundedExpansions' | 'fullIndexScans' | 'wideExpands' | 'bigSorts' | 'hottest'> {
  let dbHits = 0
  const operators = new Set<string>()
  const labelScans: string[] = []
  const unboundedExpansions: string[] = []
  const fullIndexScans: string[] = []
  const wideExpands: string[] = []
  const bigSorts: string[] = []
  let hottest = { operator: plan.operator, details: plan.details, dbHits: plan.dbHits }
  walk(plan, (n) => {
    dbHits += n.dbHits
    operators.add(n.operator)
    if (n.dbHits > hottest.dbHits) hottest = { operator: n.operator, details: n.details, dbHits: n.dbHits }
    if (/^(NodeByLabelScan|AllNodesScan|UnionNodeByLabelsScan|IntersectionNodeByLabelsScan|SubtractionNodeByLabelsScan|(Directed|Undirected)?RelationshipTypeScan|(Directed|Undirected)AllRelationshipsScan)/.test(n.operator)) {
      labelScans.push(`${n.operator} ${n.details} (${n.rows} rows)`)
    }
    if (/^(VarLengthExpand|ShortestPath|StatefulShortestPath|BFSPruningVarExpand|PruningVarExpand)/.test(n.operator) && (UNBOUNDED.test(n.details) && !/\*\s*\d*\s*\.\.\s*\d+\s*\]/.test(n.details))) {
      unboundedExpansions.push(`${n.operator} ${n.details}`)
    }
    if (/^(NodeIndexScan|DirectedRelationshipIndexScan|UndirectedRelationshipIndexScan)$/.test(n.operator)) {
      fullIndexScans.push(`${n.operator} ${n.details} (${n.rows} rows)`)
    }
    if (/^(Optional)?Expand\(/.test(n.operator) && n.rows > BOUNDED_SCAN_ROWS) wideExpands.push(`${n.operator} ${n.details} (${n.rows} rows)`)
    const input = n.children.reduce((a, c) => a + c.rows, 0)
    if (/^(Sort|Top|PartialSort|PartialTop)$/.test(n.operator) && input > BOUNDED_SCAN_ROWS) bigSorts.push(`${n.operator} ${n.details} (${input} rows in)`)
  })
  return { dbHits, operators: [...operators].sort(), labelScans, unboundedExpansions, fullIndexScans, wideExpands, bigSorts, hottest }
}

/** Runs the endpoint's repository calls once, recording them, then PROFILEs each query. */
export async function profileEndpoint (db: Db, endpoint: Endpoint | ProfiledCall, actor: string): Promise<EndpointProfile> {
  const recorder = new RecordingDb(db.driver, db.database, 120_000)
  const call = 'call' in endpoint ? endpoint.call : (d: Db) => endpoint.driver(repositories(d))
  await inRequest(() => call(recorder))
  const queries: QueryProfile[] = []
  for (const call of recorder.calls) {
    const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ })
    try {
      const started = performance.now()
      const result = await session.run('PROFILE ' + call.cypher, toNeo4jParams(call.params))
      const ms = performance.now() - started
      const profile = result.summary.profile
      if (!profile) throw new Error('no profile returned')
      const plan = compact(profile)
      queries.push({
        cypher: call.cypher.trim(),
        params: call.params,
        rows: result.records.length,
        ms,
        ...analyse(plan),
        plan,
      })
    } finally {
      await session.close()
    }
  }
  return { key: endpoint.key, title: endpoint.title, path: endpoint.path, actor, queries, dbHits: queries.reduce((a, q) => a + q.dbHits, 0), offenders: offendersOf(queries) }
}

/**
 * A scan is "full" when it reads more rows than a few pages could need. A scan that Neo4j cuts
 * short (an index read in order under a LIMIT: GET /v1/statements reads ~200 of 1M entries) is
 * bounded, not an offender; one that reads the label or index through is.
 */
export const BOUNDED_SCAN_ROWS = 1000

const scanRows = (s: string): number => Number(/\((\d+) rows\)$/.exec(s)?.[1] ?? Infinity)

type Scans = Pick<QueryProfile, 'labelScans' | 'unboundedExpansions' | 'fullIndexScans' | 'wideExpands' | 'bigSorts'>

/** The offenders of these queries, from the scans each one's analysis recorded (so a re-render applies the same rule). */
export function offendersOf (queries: Scans[]): string[] {
  return queries.flatMap((q, i) => [
    ...q.labelScans.filter((s) => scanRows(s) > BOUNDED_SCAN_ROWS).map((s) => `query ${i + 1}: label scan ${s}`),
    ...q.unboundedExpansions.map((s) => `query ${i + 1}: unbounded expansion ${s}`),
    ...q.fullIndexScans.filter((s) => scanRows(s) > BOUNDED_SCAN_ROWS).map((s) => `query ${i + 1}: full index scan ${s}`),
    // Plans recorded before these two were checked have neither list.
    ...(q.wideExpands ?? []).map((s) => `query ${i + 1}: wide expand ${s}`),
    ...(q.bigSorts ?? []).map((s) => `query ${i + 1}: sort of more than a page ${s}`),
  ])
}

/** Scans that stopped early (at most BOUNDED_SCAN_ROWS rows): listed, not offenders. */
export function boundedScansOf (queries: Scans[]): string[] {
  return queries.flatMap((q, i) => [...q.labelScans, ...q.fullIndexScans].filter((s) => scanRows(s) <= BOUNDED_SCAN_ROWS).map((s) => `query ${i + 1}: ${s}`))
}

/** The plan as indented text lines (for the Markdown and for reading). */
export function planText (node: PlanNode, depth = 0): string[] {
  const line = `${'  '.repeat(depth)}${node.operator}${node.details ? ` ${node.details.replace(/\s+/g, ' ').slice(0, 160)}` : ''} — rows ${node.rows}, db hits ${node.dbHits}`
  return [line, ...node.children.flatMap((c) => planText(c, depth + 1))]
}
