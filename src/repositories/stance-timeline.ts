// Cypher for the stance timeline: how a speaker's statements about a target split by stance,
// period by period (a month or a year), for the explorer's pair chart and any other client.
import type { Db } from '../db/db.js'
import { checkActors, checked, checkedRows, type Checked } from './actor-checks.js'
import { widenDate } from './statements.js'

export type TimelineInterval = 'month' | 'year'

export interface TimelinePeriod { period: string, critical: number, supportive: number, neutral: number, total: number }

export interface StanceTimeline {
  periods: TimelinePeriod[]
  /** Statements whose date spans more than one period (a year-precise date on a monthly timeline). */
  imprecise: { critical: number, supportive: number, neutral: number, total: number }
  /** Statements with no date at all. */
  undated: { critical: number, supportive: number, neutral: number, total: number }
}

// Anchored on both ids (the actor id constraint's index), so it reads only the pair's statements.
// A statement falls in a period when its whole date range does (dateStart and dateEnd share the
// period's prefix: 'YYYY' or 'YYYY-MM'); otherwise it is counted apart rather than placed at
// the first day of its range, which would invent a January peak for year-precise dates.
const TIMELINE = checkActors(['speaker', 'target'], `
  MATCH (sp:Actor {id: $speaker})-[:SAID]->(s:Statement)-[ab:ABOUT]->(t:Actor {id: $target})
  WHERE ($since IS NULL OR s.dateEnd >= $since) AND ($until IS NULL OR s.dateStart <= $until)
  WITH ab.stance AS stance,
    CASE
      WHEN s.dateStart IS NULL THEN 'undated'
      WHEN left(s.dateStart, $width) = left(s.dateEnd, $width) THEN left(s.dateStart, $width)
      ELSE 'imprecise'
    END AS period
  WITH period,
    sum(CASE stance WHEN 'critical' THEN 1 ELSE 0 END) AS critical,
    sum(CASE stance WHEN 'supportive' THEN 1 ELSE 0 END) AS supportive,
    sum(CASE stance WHEN 'neutral' THEN 1 ELSE 0 END) AS neutral,
    count(*) AS total
  ORDER BY period
  RETURN collect({period: period, critical: critical, supportive: supportive, neutral: neutral, total: total}) AS rows`)

const WIDTH: Record<TimelineInterval, number> = { year: 4, month: 7 }

export class StanceTimelineRepository {
  constructor (private readonly db: Db) {}

  /** The timeline, with the check of both actors (checkActors) from the same query. */
  async timeline (speaker: string, target: string, options: { interval: TimelineInterval, since?: string, until?: string }): Promise<StanceTimeline & { speaker: Checked, target: Checked }> {
    const { head: row, rows } = checkedRows(await this.db.read(TIMELINE, {
      speaker,
      target,
      width: WIDTH[options.interval],
      since: options.since ? widenDate(options.since, 'start') : null,
      until: options.until ? widenDate(options.until, 'end') : null,
    }))
    const empty = () => ({ critical: 0, supportive: 0, neutral: 0, total: 0 })
    const result: StanceTimeline = { periods: [], imprecise: empty(), undated: empty() }
    for (const r of rows) {
      const counts = { critical: Number(r.critical), supportive: Number(r.supportive), neutral: Number(r.neutral), total: Number(r.total) }
      if (r.period === 'undated') result.undated = counts
      else if (r.period === 'imprecise') result.imprecise = counts
      else result.periods.push({ period: String(r.period), ...counts })
    }
    return { ...result, speaker: checked(row, 'speaker'), target: checked(row, 'target') }
  }
}
