// A deterministic synthetic graph for load tests and benchmarks (`npm run seed:synthetic`).
// The same --statements and --seed always give the same rows. Its shape imitates the curated
// graph at scale: heavy-tailed (Zipf) speaker and target degrees, documents of skewed size,
// affiliations, skewed topics, statement links to earlier statements. Rows stream out in
// batches, so a million statements never sit in memory at once. Every id starts with `syn-`.
// Synthetic documents have no text: evidence offsets refer to a notional text that the
// generator lays out (lede, gaps, spans) so start/end/text/before/after agree with each other.
import type {
  ActorRow, AffiliationRow, DocumentRow, GraphRows, StatementRow, TopicRow,
} from '../../src/domain/validate.js'
import { dateRange, emptyRows, withHash } from '../../src/domain/validate.js'
import { EVIDENCE_CONTEXT as CONTEXT } from '../../src/domain/seed-model.js'

export const SYNTHETIC_PREFIX = 'syn-'
export const MAX_SYNTHETIC_STATEMENTS = 10_000_000

export interface SyntheticOptions {
  statements: number
  seed?: number
  /** Rows per yielded batch (statements; other kinds use the same size). */
  batchSize?: number
  /**
   * Test hook: called with the notional text of each document once its statements are generated,
   * so a test can check the evidence against it. Costs time and memory; leave unset for loads.
   */
  onDocumentText?: (documentId: string, text: string) => void
}

export interface SyntheticPlan {
  seed: number
  statements: number
  actors: number
  documents: number
  topics: number
}

export type SyntheticPhase = 'topics' | 'actors' | 'documents' | 'affiliations' | 'statements'

export interface SyntheticBatch {
  phase: SyntheticPhase
  /** Only the phase's kind is filled; the others are empty, ready for writeRows. */
  rows: GraphRows
  /** Rows of the phase in this batch. */
  count: number
  /** Statement links in this batch (0 outside the statements phase). */
  links: number
}

export const actorId = (i: number): string => `syn-actor-${i}`
export const documentId = (i: number): string => `syn-doc-${i}`
export const statementId = (i: number): string => `syn-stmt-${i}`
export const topicId = (i: number): string => `syn-topic-${i}`

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, and independent streams per (seed, purpose, index) so any entity can
// be regenerated on its own (documents are written before their statements, for instance).

export function mulberry32 (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hash32 (x: number): number {
  x = (x ^ (x >>> 16)) >>> 0
  x = Math.imul(x, 0x7FEB352D)
  x = (x ^ (x >>> 15)) >>> 0
  x = Math.imul(x, 0x846CA68B)
  return (x ^ (x >>> 16)) >>> 0
}

function streamSeed (seed: number, stream: number, index: number): number {
  return hash32(hash32(hash32(seed >>> 0) ^ stream) ^ index)
}

const enum Stream { Kind = 1, Name, Affiliation, Document, Rank, TargetRank, DocSize, Ceo, Journalist, Statement, Topic }

export class Rng {
  readonly next: () => number
  constructor (seed: number) { this.next = mulberry32(seed) }
  static for (seed: number, stream: number, index = 0): Rng { return new Rng(streamSeed(seed, stream, index)) }
  int (n: number): number { return Math.floor(this.next() * n) }
  chance (p: number): boolean { return this.next() < p }
  pick<T> (items: readonly T[]): T { return items[this.int(items.length)]! }
  /** A choice from [value, weight] pairs; weights need not sum to 1. */
  weighted<T> (choices: ReadonlyArray<readonly [T, number]>): T {
    let total = 0
    for (const [, w] of choices) total += w
    let u = this.next() * total
    for (const [value, w] of choices) {
      u -= w
      if (u < 0) return value
    }
    return choices[choices.length - 1]![0]
  }

  normal (): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
}

/** Samples items with given weights by binary search over the cumulative weights. */
class WeightedSampler {
  private readonly cdf: Float64Array
  constructor (readonly items: Int32Array, weights: ArrayLike<number>) {
    this.cdf = new Float64Array(items.length)
    let total = 0
    for (let k = 0; k < items.length; k++) {
      total += weights[k]!
      this.cdf[k] = total
    }
  }

  get size (): number { return this.items.length }

  sample (rng: Rng): number {
    const cdf = this.cdf
    const u = rng.next() * cdf[cdf.length - 1]!
    let lo = 0
    let hi = cdf.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cdf[mid]! > u) hi = mid
      else lo = mid + 1
    }
    return this.items[lo]!
  }
}

/** Zipf weights by rank: the item at rank r (0-based) weighs (r + 1)^-s times its factor. */
function zipfSampler (byRank: Int32Array, exponent: number, factor: (item: number) => number = () => 1): WeightedSampler {
  const weights = new Float64Array(byRank.length)
  for (let r = 0; r < byRank.length; r++) weights[r] = Math.pow(r + 1, -exponent) * factor(byRank[r]!)
  return new WeightedSampler(byRank, weights)
}

function shuffled (n: number, rng: Rng): Int32Array {
  const a = new Int32Array(n)
  for (let i = 0; i < n; i++) a[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = a[i]!
    a[i] = a[j]!
    a[j] = t
  }
  return a
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. ASCII only, so string offsets are code point offsets.

const FIRST_NAMES = [
  'Aaliyah', 'Adrian', 'Aiko', 'Alejandro', 'Amara', 'Amir', 'Ana', 'Andrea', 'Anders', 'Anita', 'Arjun', 'Astrid',
  'Ayesha', 'Beatriz', 'Benedikt', 'Bilal', 'Bronwyn', 'Camille', 'Carlos', 'Catalina', 'Chen', 'Chiara', 'Chidi', 'Claire',
  'Dario', 'David', 'Deepa', 'Dmitri', 'Elena', 'Elif', 'Emeka', 'Emma', 'Erik', 'Esther', 'Fatima', 'Felipe', 'Fiona',
  'Folake', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hassan', 'Helena', 'Hiroshi', 'Ibrahim', 'Ines', 'Ingrid', 'Isaac',
  'Ivan', 'Jakob', 'James', 'Javier', 'Jin', 'Joanna', 'Jonas', 'Julia', 'Kamala', 'Karim', 'Katarina', 'Kenji', 'Kwame',
  'Lars', 'Laura', 'Layla', 'Leila', 'Liam', 'Lina', 'Lucas', 'Lucia', 'Mads', 'Maria', 'Marta', 'Mateo', 'Mei', 'Miguel',
  'Mina', 'Mohammed', 'Nadia', 'Naomi', 'Nikolai', 'Nina', 'Noah', 'Oluwaseun', 'Omar', 'Oscar', 'Pablo', 'Paolo',
  'Patricia', 'Pedro', 'Priya', 'Rafael', 'Rahul', 'Rania', 'Rebecca', 'Rosa', 'Ruth', 'Sakura', 'Samuel', 'Sara',
  'Sebastian', 'Sofia', 'Sven', 'Tamar', 'Tariq', 'Thomas', 'Tomasz', 'Valentina', 'Viktor', 'Wei', 'William', 'Yara',
  'Yusuf', 'Zainab', 'Zofia', 'Zoran', 'Ada', 'Bruno', 'Dalia', 'Emil',
]
const LAST_NAMES = [
  'Abara', 'Achterberg', 'Adeyemi', 'Alvarez', 'Amundsen', 'Andersson', 'Arslan', 'Bakker', 'Balogun', 'Banerjee', 'Barros',
  'Becker', 'Bergstrom', 'Bianchi', 'Blackwood', 'Bondarenko', 'Brennan', 'Calder', 'Carvalho', 'Castellano', 'Chandra',
  'Chowdhury', 'Coleman', 'Costa', 'Dahl', 'Dalton', 'Delacroix', 'Demir', 'Dimitrov', 'Donovan', 'Dubois', 'Eklund',
  'Esposito', 'Farouk', 'Fernandes', 'Fischer', 'Fitzgerald', 'Fontaine', 'Fujita', 'Gallagher', 'Garcia', 'Gomez',
  'Grant', 'Gunawardena', 'Haddad', 'Halvorsen', 'Hartmann', 'Hayashi', 'Hoffmann', 'Holloway', 'Horvat', 'Ibarra',
  'Ikeda', 'Ivanova', 'Jansen', 'Jovanovic', 'Kaminski', 'Kapoor', 'Karlsson', 'Kato', 'Keller', 'Khalil', 'Kim',
  'Kowalczyk', 'Kruger', 'Kumar', 'Lambert', 'Larsen', 'Laurent', 'Lehmann', 'Lindqvist', 'Lombardi', 'Lopez', 'Lund',
  'Maddox', 'Mahlangu', 'Marchetti', 'Markovic', 'Martins', 'Matsumoto', 'Mbeki', 'Mendes', 'Meyer', 'Molina', 'Moreau',
  'Morrison', 'Mwangi', 'Nakamura', 'Navarro', 'Ndiaye', 'Nielsen', 'Novak', 'Nowak', 'Nwosu', 'Obi', 'Okafor', 'Okonkwo',
  'Oliveira', 'Olsen', 'Ortega', 'Osei', 'Ozturk', 'Park', 'Patel', 'Pedersen', 'Perez', 'Petrov', 'Popescu', 'Quinn',
  'Rahman', 'Ramirez', 'Rasmussen', 'Reddy', 'Reyes', 'Richter', 'Rinaldi', 'Rossi', 'Sadeghi', 'Saito', 'Salazar',
  'Santos', 'Sato', 'Schmidt', 'Schneider', 'Sharma', 'Silva', 'Singh', 'Sokolov', 'Sorensen', 'Stewart', 'Suzuki',
  'Szabo', 'Takahashi', 'Tanaka', 'Teixeira', 'Thorsen', 'Torres', 'Tran', 'Ueda', 'Uzor', 'Valdez', 'Varga', 'Vasquez',
  'Vogel', 'Volkov', 'Wagner', 'Walsh', 'Wang', 'Weber', 'Whitfield', 'Wojcik', 'Xu', 'Yamamoto', 'Yilmaz', 'Young',
  'Zapata', 'Zhang', 'Ziegler', 'Zimmermann', 'Abbott', 'Baptiste', 'Cardenas', 'Duarte', 'Ekwueme', 'Fonseca', 'Greco',
  'Hale', 'Iqbal', 'Jaramillo', 'Kovac', 'Lindgren', 'Mercer', 'Nasser', 'Orsini', 'Pereira', 'Quintero', 'Ruiz',
  'Sandoval', 'Tiwari', 'Umarov', 'Vidal', 'Winter', 'Yadav', 'Zeller', 'Ahmadi', 'Brandt', 'Cohen', 'Diallo', 'Eriksen',
]
const PLACES = [
  'Northland', 'Eastmarch', 'Valdoria', 'Carrowmore', 'Westhaven', 'Lakemont', 'Ardenvale', 'Southbay', 'Greyport',
  'Redcliff', 'Silverton', 'Brightwater', 'Oakridge', 'Stonefield', 'Marlow', 'Kestrel Bay', 'Highmoor', 'Fairhaven',
  'Ashford', 'Pinecrest', 'Riverside', 'Coldharbour', 'Elmstead', 'Goldcoast', 'Ironbridge', 'Juniper Falls', 'Kingsreach',
  'Lowmarsh', 'Meadowbank', 'Newcastle Vale', 'Oldbury', 'Port Selene', 'Queensbury', 'Rosewood', 'Saltmarsh', 'Thornbury',
]
const COMPANY_PREFIXES = [
  'Northbridge', 'Alderon', 'Kestrel', 'Bluewater', 'Meridian', 'Halcyon', 'Ironvale', 'Solace', 'Vantor', 'Quillon',
  'Corvid', 'Everline', 'Brightpath', 'Cobalt', 'Driftwood', 'Emberly', 'Fathom', 'Glasswing', 'Harbinger', 'Ivory',
  'Juno', 'Keystone', 'Lumen', 'Mosaic', 'Nimbus', 'Obsidian', 'Paragon', 'Quartz', 'Radiant', 'Sable', 'Tidewater',
  'Umbra', 'Vireo', 'Wavecrest', 'Xenith', 'Yardley', 'Zephyr', 'Apex', 'Borealis', 'Cascade', 'Dynamo', 'Equinox',
  'Foxglove', 'Granite', 'Helix', 'Inland', 'Jadeite', 'Kinetic', 'Lodestar', 'Monarch', 'Nova', 'Orion', 'Pioneer',
  'Redwood', 'Summit', 'Titan', 'Unity', 'Vertex', 'Willow', 'Zenith',
]
const SECTORS = [
  'Data', 'Energy', 'Telecom', 'Media', 'Pharma', 'Logistics', 'Capital', 'Robotics', 'Foods', 'Mining', 'Motors',
  'Aerospace', 'Cloud', 'Semiconductor', 'Health', 'Insurance', 'Retail', 'Shipping', 'Software', 'Chemicals', 'Networks',
  'Payments', 'Biotech', 'Airlines', 'Steel',
]
const COMPANY_SUFFIXES = ['Holdings', 'Group', 'Inc.', 'Ltd', 'Corporation', 'Partners', 'Systems', 'Technologies', 'International', 'Labs']
const AREAS = [
  'Communications', 'Energy', 'Competition', 'Data Protection', 'Financial Conduct', 'Transport Safety', 'Food Standards',
  'Health', 'Elections', 'Trade', 'Environment', 'Labour', 'Digital Affairs', 'Consumer Affairs', 'Housing', 'Education',
]
const CAUSES = [
  'Digital Rights', 'Consumer Protection', 'Clean Air', 'Open Government', 'Fair Trade', 'Press Freedom', 'Public Health',
  'Child Safety', 'Workers Rights', 'Privacy', 'Climate Action', 'Transparency', 'Affordable Housing', 'Rural Broadband',
]
const MEDIA_NAMES = ['Times', 'Herald', 'Tribune', 'Post', 'Chronicle', 'Gazette', 'Observer', 'Ledger', 'Dispatch', 'Courier', 'Wire', 'Daily', 'News Network', 'Review']
const PARTIES = ['Progress', 'Liberty', 'Green', 'Labour', 'Conservative', 'Reform', 'Centre', 'Social Democratic', 'Independent']
const GROUP_NOUNS = [
  'residents', 'farmers', 'teachers', 'parents', 'nurses', 'truck drivers', 'students', 'small business owners', 'economists',
  'scientists', 'campaigners', 'shareholders', 'doctors', 'pilots', 'engineers', 'retirees',
]
const TOPIC_BASES = [
  'data privacy', 'trade tariffs', 'climate policy', 'energy prices', 'content moderation', 'antitrust enforcement',
  'national security', 'election integrity', 'public health', 'housing costs', 'minimum wage', 'immigration',
  'artificial intelligence', 'semiconductor supply', 'broadband access', 'cybersecurity', 'pension reform', 'tax policy',
  'defence spending', 'drug pricing', 'water quality', 'rail safety', 'airline competition', 'student loans', 'food safety',
  'mining permits', 'fisheries', 'nuclear power', 'renewable subsidies', 'police reform', 'press freedom', 'online safety',
  'app store rules', 'cloud computing', 'foreign investment', 'sanctions', 'interest rates', 'banking regulation',
  'crypto assets', 'labour rights', 'the gig economy', 'child online safety', 'misinformation', 'satellite spectrum',
  '5G networks', 'electric vehicles', 'oil drilling', 'plastic waste', 'wildfire response', 'flood defences',
  'hospital funding', 'vaccine procurement', 'school funding', 'copyright', 'data localisation', 'encryption',
  'surveillance', 'export controls', 'shipping emissions', 'agricultural subsidies',
]
const TOPIC_REGIONS = ['', 'in Europe', 'in the United States', 'in Asia', 'in Latin America', 'in Africa']

const TEMPLATES: Record<string, readonly string[]> = {
  critical: [
    '{T} has failed to be straight with the public about {topic}',
    '{T} is putting {topic} at risk and must answer for it',
    'the approach {T} has taken on {topic} is reckless',
    '{T} ignored repeated warnings about {topic}',
    '{T} cannot be trusted on {topic}',
    'the record of {T} on {topic} needs a full explanation',
    'what {T} is proposing on {topic} would do real damage',
    '{T} has misled regulators on {topic}',
    'the plan from {T} on {topic} is a threat to ordinary people',
    '{T} has made {topic} worse, not better',
  ],
  supportive: [
    '{T} is right to act on {topic}',
    'the steps {T} has taken on {topic} are welcome',
    '{T} has shown real leadership on {topic}',
    'the plan from {T} on {topic} deserves support',
    '{T} has kept its promises on {topic}',
    'working with {T} on {topic} has produced results',
    '{T} deserves credit for the progress on {topic}',
  ],
  neutral: [
    '{T} will meet officials to discuss {topic}',
    'officials are reviewing what {T} said about {topic}',
    'talks with {T} on {topic} are continuing',
    '{T} has been asked to provide more detail on {topic}',
    'no decision has been made about {T} and {topic}',
    'a review of {topic} involving {T} is expected to finish soon',
  ],
}
const ADJUNCTS = [
  ', despite repeated warnings', ' this year', ', and questions remain unanswered', ' ahead of the vote',
  ', according to internal figures', ' after months of pressure', ', and the public deserves better', ' for the second time',
  ' before the end of the year', ', with more details to follow',
]
const FILLER = [
  'The company did not respond to a request for comment.',
  'Officials declined to say when a decision would be made.',
  'The dispute has drawn attention from lawmakers in several countries.',
  'Figures published last month showed a sharp rise in complaints.',
  'A spokesperson said the matter was under review.',
  'Analysts said the outcome could shape policy for years.',
  'The proposal is expected to be debated again next week.',
  'Critics have raised similar concerns in the past.',
  'The documents were seen by reporters before publication.',
  'Neither side has commented on the timing of the talks.',
  'Several groups have called for an independent inquiry.',
  'The regulator opened a consultation earlier in the year.',
  'Shares fell slightly after the announcement.',
  'The issue has become a flashpoint in the wider debate.',
  'Supporters say the change is long overdue.',
  'It was not immediately clear how the plan would be funded.',
]

const DOCUMENT_KINDS = [
  ['news-article', 60], ['statement', 8], ['blog-post', 7], ['report', 7], ['letter', 7], ['announcement', 6],
  ['order', 2], ['other', 3],
] as const
const AUTHORED_KINDS = new Set(['statement', 'blog-post', 'letter', 'announcement', 'order'])
const DOC_PRECISION = [['day', 86], ['month', 9], ['year', 3], ['unknown', 2]] as const
const STATEMENT_PRECISION = [['day', 80], ['month', 11], ['year', 5], ['unknown', 4]] as const
const ATTRIBUTION = [['direct-quote', 45], ['paraphrase', 40], ['according-to', 15]] as const
const VERBS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  'direct-quote': [
    ['said', 45], ['wrote', 10], ['told reporters', 8], ['added', 6], ['warned', 6], ['argued', 6], ['insisted', 4],
    ['stated', 4], ['posted', 4], ['declared', 3],
  ],
  paraphrase: [
    ['said', 30], ['argued', 12], ['claimed', 8], ['warned', 8], ['suggested', 6], ['acknowledged', 6], ['announced', 6],
    ['wrote', 6], ['insisted', 5], ['has said', 4], ['reported', 3], ['urged officials to accept', 2],
  ],
  'according-to': [['according to', 70], ['according to a statement from', 15], ['according to a letter from', 15]],
}
const STANCE = [['critical', 45], ['supportive', 25], ['neutral', 30]] as const

const enum Kind { Person = 0, Organisation = 1, Group = 2 }
const KIND_NAMES = ['person', 'organisation', 'group'] as const
const enum OrgType { Company = 0, Government, Regulator, Ngo, Media }
const ORG_TYPE_LABEL = ['company', 'government body', 'regulator', 'advocacy group', 'news outlet']

const DAY_MS = 86_400_000
const FIRST_DAY = Date.UTC(2015, 0, 1) / DAY_MS
const LAST_DAY = Date.UTC(2025, 11, 31) / DAY_MS
const RING = 4
const NO_ROLE = -1

const ROLES = [
  'chief executive', 'spokesperson', 'chief technology officer', 'general counsel', 'policy director', 'chair',
  'commissioner', 'minister', 'senior adviser', 'reporter', 'editor', 'correspondent', 'member', 'leader', 'employee',
  'board member', 'chief financial officer', 'head of communications', 'senator', 'researcher',
]
const role = (name: string): number => ROLES.indexOf(name)

function formatDay (day: number, precision: string): string | null {
  if (precision === 'unknown') return null
  const iso = new Date(day * DAY_MS).toISOString()
  return precision === 'day' ? iso.slice(0, 10) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4)
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

function joinNames (names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1]
}

function acronym (name: string): string {
  return name.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('')
}

interface AffiliationSpec { actor: number, organisation: number, type: string, role: number, since: string | null, until: string | null }

interface DocInfo {
  index: number
  kind: string
  day: number
  precision: string
  mainTopic: number
  cast: number[]
  publisher: number | null
  authors: number[]
  addressees: number[]
}

export function planSynthetic (statements: number, seed = 42): SyntheticPlan {
  if (!Number.isInteger(statements) || statements < 1 || statements > MAX_SYNTHETIC_STATEMENTS) {
    throw new RangeError(`statements must be an integer from 1 to ${MAX_SYNTHETIC_STATEMENTS}`)
  }
  return {
    seed: seed >>> 0,
    statements,
    actors: Math.max(50, Math.round(statements / 20)),
    documents: Math.max(1, Math.round(statements / 8)),
    topics: Math.min(300, Math.max(100, Math.round(2.5 * Math.cbrt(statements)))),
  }
}

/**
 * The synthetic graph for one (statements, seed): a few arrays per actor and per document
 * (kinds, names, ranks, document sizes), never the statements themselves.
 */
export class SyntheticGraph {
  readonly plan: SyntheticPlan
  private readonly seed: number
  private readonly batchSize: number
  private readonly onDocumentText: SyntheticOptions['onDocumentText']
  private readonly kind: Uint8Array
  private readonly orgType: Uint8Array
  private readonly names: string[]
  private readonly orgs: Int32Array
  private readonly groups: Int32Array
  private readonly persons: Int32Array
  private readonly orgOrdinal: Int32Array
  private readonly media: Int32Array
  private readonly mediaOrdinal: Int32Array
  private readonly personOrdinal: Int32Array
  private readonly journalists: number[][]
  private readonly employer: Int32Array
  private readonly ceoOf: Int32Array
  private readonly speakers: WeightedSampler
  private readonly targets: WeightedSampler
  private readonly orgSampler: WeightedSampler
  private readonly groupSampler: WeightedSampler
  private readonly mediaSampler: WeightedSampler
  private readonly personSampler: WeightedSampler
  private readonly topicSampler: WeightedSampler
  private readonly docSize: Int32Array
  private readonly primaryRole: Int16Array
  private readonly primaryOrg: Int32Array

  constructor (options: SyntheticOptions) {
    this.plan = planSynthetic(options.statements, options.seed ?? 42)
    this.seed = this.plan.seed
    this.batchSize = Math.max(1, options.batchSize ?? 5000)
    this.onDocumentText = options.onDocumentText
    const { actors: A, documents: D, topics: T } = this.plan
    const seed = this.seed

    // Kinds: mostly people; every 50th slot is forced so small graphs hold all three kinds.
    this.kind = new Uint8Array(A)
    this.orgType = new Uint8Array(A)
    const orgs: number[] = []
    const groups: number[] = []
    const persons: number[] = []
    for (let i = 0; i < A; i++) {
      const rng = Rng.for(seed, Stream.Kind, i)
      let k = rng.weighted([[Kind.Person, 68], [Kind.Organisation, 22], [Kind.Group, 10]] as const)
      if (i % 50 === 1 || i % 50 === 3) k = Kind.Organisation
      if (i % 50 === 2) k = Kind.Group
      this.kind[i] = k
      if (k === Kind.Organisation) {
        this.orgType[i] = i % 50 === 1
          ? OrgType.Media
          : rng.weighted([[OrgType.Company, 45], [OrgType.Government, 15], [OrgType.Regulator, 10], [OrgType.Ngo, 15], [OrgType.Media, 15]] as const)
        orgs.push(i)
      } else if (k === Kind.Group) groups.push(i)
      else persons.push(i)
    }
    this.orgs = Int32Array.from(orgs)
    this.groups = Int32Array.from(groups)
    this.persons = Int32Array.from(persons)
    this.orgOrdinal = new Int32Array(A).fill(-1)
    orgs.forEach((o, n) => { this.orgOrdinal[o] = n })
    this.media = Int32Array.from(orgs.filter((o) => this.orgType[o] === OrgType.Media))
    this.mediaOrdinal = new Int32Array(A).fill(-1)
    this.media.forEach((m, n) => { this.mediaOrdinal[m] = n })
    this.personOrdinal = new Int32Array(A).fill(-1)
    persons.forEach((p, n) => { this.personOrdinal[p] = n })

    // Popularity: a shuffled rank per actor; targets follow a noisy copy of the speaker ranks,
    // so the most quoted actors are often (not always) the most talked about.
    const bySpeakerRank = shuffled(A, Rng.for(seed, Stream.Rank))
    const speakerRank = new Int32Array(A)
    bySpeakerRank.forEach((a, r) => { speakerRank[a] = r })
    const trng = Rng.for(seed, Stream.TargetRank)
    const key = new Float64Array(A)
    for (let a = 0; a < A; a++) key[a] = Math.log(speakerRank[a]! + 1) + 1.2 * trng.normal()
    const byTargetRank = Int32Array.from(bySpeakerRank).sort((x, y) => key[x]! - key[y]!)
    const isMedia = (a: number): boolean => this.kind[a] === Kind.Organisation && this.orgType[a] === OrgType.Media
    this.speakers = zipfSampler(bySpeakerRank, 1.1, (a) => isMedia(a) ? 0.3 : [1, 0.9, 0.35][this.kind[a]!]!)
    this.targets = zipfSampler(byTargetRank, 1.1, (a) => isMedia(a) ? 0.4 : [1, 1.1, 0.6][this.kind[a]!]!)
    const ranked = (list: Int32Array): Int32Array => Int32Array.from(list).sort((x, y) => speakerRank[x]! - speakerRank[y]!)
    this.orgSampler = zipfSampler(ranked(Int32Array.from(orgs.filter((o) => !isMedia(o)))), 1.1)
    this.groupSampler = zipfSampler(ranked(this.groups), 1.1)
    this.mediaSampler = zipfSampler(ranked(this.media), 1.1)
    this.personSampler = zipfSampler(ranked(this.persons), 1.1)
    const topicOrder = new Int32Array(T)
    for (let t = 0; t < T; t++) topicOrder[t] = t
    this.topicSampler = zipfSampler(topicOrder, 1.0)

    // Journalists (about 4% of people) work for a news outlet and write its articles.
    this.journalists = Array.from({ length: this.media.length }, () => [])
    this.employer = new Int32Array(A).fill(-1)
    for (const p of persons) {
      const rng = Rng.for(seed, Stream.Journalist, p)
      if (this.media.length > 0 && rng.chance(0.04)) {
        const outlet = this.mediaSampler.sample(rng)
        this.employer[p] = outlet
        this.journalists[this.mediaOrdinal[outlet]!]!.push(p)
      }
    }
    // Chief executives: most companies have one, drawn among the better-known people.
    this.ceoOf = new Int32Array(A).fill(-1)
    for (const o of orgs) {
      if (this.orgType[o] !== OrgType.Company) continue
      const rng = Rng.for(seed, Stream.Ceo, o)
      if (!rng.chance(0.7) || this.persons.length === 0) continue
      for (let attempt = 0; attempt < 5; attempt++) {
        const p = this.personSampler.sample(rng)
        if (this.ceoOf[p] === -1 && this.employer[p] === -1) {
          this.ceoOf[p] = o
          break
        }
      }
    }

    this.names = new Array<string>(A)
    for (let i = 0; i < A; i++) this.names[i] = this.nameOf(i)
    this.primaryRole = new Int16Array(A).fill(NO_ROLE)
    this.primaryOrg = new Int32Array(A).fill(-1)
    for (let i = 0; i < A; i++) {
      const first = this.affiliationsOf(i).find((a) => a.actor === i)
      if (first) {
        this.primaryRole[i] = first.role
        this.primaryOrg[i] = first.organisation
      }
    }

    // Statements per document: log-normal weights, at least one each, summing to N exactly.
    const weights = new Float64Array(D)
    const drng = Rng.for(seed, Stream.DocSize)
    let total = 0
    for (let d = 0; d < D; d++) {
      weights[d] = Math.exp(0.9 * drng.normal())
      total += weights[d]!
    }
    this.docSize = new Int32Array(D)
    const extra = this.plan.statements - D
    let cum = 0
    let given = 0
    for (let d = 0; d < D; d++) {
      cum += weights[d]!
      const upTo = d === D - 1 ? extra : Math.round(extra * cum / total)
      this.docSize[d] = 1 + upTo - given
      given = upTo
    }
  }

  private nameOf (i: number): string {
    const rng = Rng.for(this.seed, Stream.Name, i)
    const k = this.kind[i]
    if (k === Kind.Person) {
      // Unique per person: a bijection of the person's ordinal onto first x last (x initial).
      const ordinal = this.personOrdinal[i]!
      const m = FIRST_NAMES.length * LAST_NAMES.length
      const q = (((ordinal % m) * 7919) + 104_729) % m
      const first = FIRST_NAMES[q % FIRST_NAMES.length]!
      const last = LAST_NAMES[Math.floor(q / FIRST_NAMES.length)]!
      const round = Math.floor(ordinal / m)
      return round === 0 ? `${first} ${last}` : `${first} ${String.fromCharCode(64 + ((round - 1) % 26) + 1)}. ${last}`
    }
    if (k === Kind.Group) {
      return rng.weighted<() => string>([
        [() => `${2 + rng.int(30)} ${rng.pick(PARTIES)} lawmakers`, 3],
        [() => `${rng.pick(PLACES)} ${rng.pick(GROUP_NOUNS)}`, 4],
        [() => `${rng.pick(PLACES)} ${rng.pick(CAUSES)} campaigners`, 2],
        [() => `${rng.pick(PARTIES)} Party caucus of ${rng.pick(PLACES)}`, 1],
      ])()
    }
    switch (this.orgType[i]) {
      case OrgType.Media: return `The ${rng.pick(PLACES)} ${rng.pick(MEDIA_NAMES)}`
      case OrgType.Government: return rng.weighted<() => string>([
        [() => `Ministry of ${rng.pick(AREAS)} of ${rng.pick(PLACES)}`, 3],
        [() => `${rng.pick(PLACES)} City Council`, 2],
        [() => `${rng.pick(PLACES)} Parliament`, 1],
      ])()
      case OrgType.Regulator: return rng.chance(0.6)
        ? `${rng.pick(PLACES)} ${rng.pick(AREAS)} Commission`
        : `${rng.pick(AREAS)} Authority of ${rng.pick(PLACES)}`
      case OrgType.Ngo: return rng.weighted<() => string>([
        [() => `${rng.pick(PLACES)} ${rng.pick(CAUSES)} Alliance`, 2],
        [() => `Center for ${rng.pick(CAUSES)}`, 1],
        [() => `${rng.pick(CAUSES)} Watch`, 1],
      ])()
      default: return `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(SECTORS)} ${rng.pick(COMPANY_SUFFIXES)}`
    }
  }

  /**
   * The affiliations generated for actor i (the actor is usually the member; for
   * parent-company-of it is the parent). Deterministic, so it can be asked more than once.
   */
  private affiliationsOf (i: number): AffiliationSpec[] {
    const rng = Rng.for(this.seed, Stream.Affiliation, i)
    const out: AffiliationSpec[] = []
    const since = (): string => {
      const year = 1995 + rng.int(30)
      return rng.chance(0.4) ? `${year}-${String(1 + rng.int(12)).padStart(2, '0')}` : String(year)
    }
    const maybeUntil = (from: string, p: number): string | null => {
      if (!rng.chance(p)) return null
      const year = Number(from.slice(0, 4)) + 1 + rng.int(8)
      return String(Math.min(year, 2025))
    }
    const k = this.kind[i]
    if (k === Kind.Person) {
      if (this.employer[i]! >= 0) {
        out.push({ actor: i, organisation: this.employer[i]!, type: 'works-for', role: role(rng.weighted([['reporter', 6], ['correspondent', 3], ['editor', 1]])), since: since(), until: null })
        return out
      }
      if (this.ceoOf[i]! >= 0) {
        out.push({ actor: i, organisation: this.ceoOf[i]!, type: 'ceo-of', role: role('chief executive'), since: since(), until: null })
      } else if (!rng.chance(0.1)) {
        out.push(this.personAffiliation(i, rng, since))
      }
      if (rng.chance(0.15)) {
        const second = this.personAffiliation(i, rng, since)
        if (!out.some((a) => a.organisation === second.organisation)) {
          second.until = maybeUntil(second.since ?? '2015', 0.6)
          if (second.until && second.since && second.until < second.since.slice(0, 4)) second.until = null
          out.push(second)
        }
      }
      return out
    }
    if (k === Kind.Organisation) {
      const ordinal = this.orgOrdinal[i]!
      if (ordinal > 0 && this.orgType[i] !== OrgType.Media && rng.chance(0.2)) {
        // Parents come earlier in the organisation list, so the hierarchy has no cycles.
        const parent = this.orgs[rng.int(ordinal)]!
        if (rng.chance(0.6)) out.push({ actor: i, organisation: parent, type: 'part-of', role: NO_ROLE, since: rng.chance(0.5) ? since() : null, until: null })
        else out.push({ actor: parent, organisation: i, type: 'parent-company-of', role: NO_ROLE, since: rng.chance(0.5) ? since() : null, until: null })
      }
      if (this.groups.length > 0 && rng.chance(0.1)) {
        out.push({ actor: i, organisation: this.groupSampler.sample(rng), type: 'member-of', role: NO_ROLE, since: rng.chance(0.3) ? since() : null, until: null })
      }
      return out
    }
    if (this.orgs.length > 0 && rng.chance(0.15)) {
      const org = this.orgSampler.size > 0 ? this.orgSampler.sample(rng) : this.orgs[0]!
      out.push({ actor: i, organisation: org, type: 'part-of', role: NO_ROLE, since: null, until: null })
    }
    return out
  }

  private personAffiliation (i: number, rng: Rng, since: () => string): AffiliationSpec {
    if (this.groups.length > 0 && (this.orgSampler.size === 0 || rng.chance(0.3))) {
      const group = this.groupSampler.sample(rng)
      const leader = rng.chance(0.1)
      return { actor: i, organisation: group, type: leader ? 'leader-of' : 'member-of', role: role(leader ? 'leader' : 'member'), since: rng.chance(0.5) ? since() : null, until: null }
    }
    const org = this.orgSampler.sample(rng)
    const t = this.orgType[org]
    const type = t === OrgType.Regulator && rng.chance(0.35)
      ? 'commissioner-of'
      : rng.weighted([['works-for', 60], ['officer-of', 18], ['member-of', t === OrgType.Government ? 20 : 6], ['leader-of', 2]])
    const roleName = type === 'commissioner-of'
      ? 'commissioner'
      : type === 'officer-of'
        ? rng.pick(['chief technology officer', 'general counsel', 'chief financial officer', 'head of communications', 'policy director'])
        : type === 'member-of'
          ? (t === OrgType.Government ? rng.pick(['minister', 'senator', 'member']) : 'board member')
          : type === 'leader-of'
            ? 'chair'
            : rng.pick(['spokesperson', 'senior adviser', 'researcher', 'employee', 'policy director'])
    return { actor: i, organisation: org, type, role: role(roleName), since: rng.chance(0.6) ? since() : null, until: null }
  }

  topicRows (): TopicRow[] {
    const rows: TopicRow[] = []
    for (let t = 0; t < this.plan.topics; t++) {
      const base = TOPIC_BASES[t % TOPIC_BASES.length]!
      const region = TOPIC_REGIONS[Math.floor(t / TOPIC_BASES.length) % TOPIC_REGIONS.length]!
      rows.push(withHash({ id: topicId(t), name: capitalise(region ? `${base} ${region}` : base) }))
    }
    return rows
  }

  private actorRow (i: number): ActorRow {
    const rng = Rng.for(this.seed, Stream.Name, i ^ 0x5bd1e995)
    const name = this.names[i]!
    const k = this.kind[i]!
    const aliases: string[] = []
    let description: string | null = null
    if (k === Kind.Person) {
      if (rng.chance(0.15)) aliases.push(name.split(' ').at(-1)!)
      const r = this.primaryRole[i]!
      if (r !== NO_ROLE && rng.chance(0.75)) description = `${capitalise(ROLES[r]!)} at ${this.names[this.primaryOrg[i]!]}`
    } else if (k === Kind.Organisation) {
      const short = acronym(name)
      if (short.length >= 2 && rng.chance(this.orgType[i] === OrgType.Regulator ? 0.7 : 0.35)) aliases.push(short)
      if (this.orgType[i] === OrgType.Company && rng.chance(0.3)) aliases.push(name.split(' ')[0]!)
      if (rng.chance(0.8)) description = `${capitalise(ORG_TYPE_LABEL[this.orgType[i]!]!)} in ${rng.pick(PLACES)}`
    } else if (rng.chance(0.4)) {
      description = `Group of ${name.replace(/^\d+ /, '')}`
    }
    return withHash({ id: actorId(i), name, kind: KIND_NAMES[k]!, aliases, aliasText: aliases.join(' | '), description })
  }

  private docInfo (d: number): DocInfo {
    const rng = Rng.for(this.seed, Stream.Document, d)
    const D = this.plan.documents
    // Later years publish more: the position through the period grows like t^0.8.
    const t = Math.pow((d + rng.next()) / D, 0.8)
    const day = Math.min(LAST_DAY, FIRST_DAY + Math.floor(t * (LAST_DAY - FIRST_DAY + 1)))
    const kind = rng.weighted(DOCUMENT_KINDS)
    const precision = rng.weighted(DOC_PRECISION)
    const mainTopic = this.topicSampler.sample(rng)
    const cast: number[] = []
    const castSize = 2 + rng.int(3)
    for (let n = 0; n < castSize * 3 && cast.length < castSize; n++) {
      const a = cast.length % 2 === 0 ? this.speakers.sample(rng) : this.targets.sample(rng)
      if (!cast.includes(a)) cast.push(a)
    }
    let publisher: number | null = null
    const authors: number[] = []
    const addressees: number[] = []
    if (kind === 'news-article' || kind === 'report' || kind === 'other') {
      if (this.media.length > 0 && rng.chance(kind === 'news-article' ? 0.85 : 0.4)) {
        publisher = this.mediaSampler.sample(rng)
        const staff = this.journalists[this.mediaOrdinal[publisher]!] ?? []
        if (kind === 'news-article' && staff.length > 0 && rng.chance(0.6)) {
          authors.push(staff[rng.int(staff.length)]!)
          if (staff.length > 1 && rng.chance(0.2)) {
            const second = staff[rng.int(staff.length)]!
            if (second !== authors[0]) authors.push(second)
          }
        }
      }
    } else if (AUTHORED_KINDS.has(kind)) {
      authors.push(cast[0]!)
      if (kind === 'letter' && cast.length > 1) addressees.push(cast[1]!)
      if (kind === 'letter' && cast.length > 2 && rng.chance(0.3)) addressees.push(cast[2]!)
      if (this.kind[cast[0]!] === Kind.Organisation && rng.chance(0.5)) publisher = cast[0]!
    }
    return { index: d, kind, day, precision, mainTopic, cast, publisher, authors, addressees }
  }

  private documentRow (info: DocInfo): DocumentRow {
    const rng = Rng.for(this.seed, Stream.Document, info.index ^ 0x27d4eb2d)
    const title = this.docTitle(info, rng)
    const date = formatDay(info.day, info.precision)
    return withHash({
      id: documentId(info.index),
      title,
      kind: info.kind,
      date,
      datePrecision: info.precision,
      ...dateRange(date ?? undefined),
      url: rng.chance(0.6) ? `https://example.org/syn/${info.kind}/${info.index}` : null,
      note: 'Synthetic document (npm run seed:synthetic): it has no text; evidence offsets refer to a notional text.',
      text: null,
      textHash: null,
      publisher: info.publisher === null ? null : actorId(info.publisher),
      authors: info.authors.map(actorId),
      addressees: info.addressees.map(actorId),
    })
  }

  private docTitle (info: DocInfo, rng: Rng): string {
    const topic = this.topicName(info.mainTopic)
    const n = (a: number | undefined): string => a === undefined ? 'officials' : this.names[a]!
    const [a, b] = info.cast
    let title: string
    switch (info.kind) {
      case 'letter': title = `Letter from ${n(info.authors[0])} to ${n(info.addressees[0] ?? b)} on ${topic}`; break
      case 'statement': title = `Statement by ${n(a)} on ${topic}`; break
      case 'announcement': title = `${n(a)} announces new measures on ${topic}`; break
      case 'order': title = `Order concerning ${n(b ?? a)} and ${topic}`; break
      case 'report': title = `Report on ${topic}${info.publisher !== null ? ` by ${n(info.publisher)}` : ''}`; break
      case 'blog-post': title = `${n(a)}: why ${topic} matters now`; break
      default: title = rng.pick([
        `${n(a)} clashes with ${n(b)} over ${topic}`,
        `${n(a)} and ${n(b)} at odds over ${topic}`,
        `${n(b)} under pressure over ${topic}`,
        `${n(a)} weighs in on ${topic}`,
        `What ${n(a)} said about ${topic}`,
      ])
    }
    return capitalise(title)
  }

  private topicName (t: number): string {
    const base = TOPIC_BASES[t % TOPIC_BASES.length]!
    const region = TOPIC_REGIONS[Math.floor(t / TOPIC_BASES.length) % TOPIC_REGIONS.length]!
    return region ? `${base} ${region}` : base
  }

  private fillerText (rng: Rng, min: number): string {
    let text = ''
    while (text.length < min || rng.chance(0.35)) text += (text ? ' ' : '') + rng.pick(FILLER)
    return text
  }

  /** Topic rows (one small batch). */
  * topics (): Generator<SyntheticBatch> {
    const rows = this.topicRows()
    yield { phase: 'topics', rows: { ...emptyRows(), topics: rows }, count: rows.length, links: 0 }
  }

  * actors (): Generator<SyntheticBatch> {
    for (let start = 0; start < this.plan.actors; start += this.batchSize) {
      const rows: ActorRow[] = []
      for (let i = start; i < Math.min(this.plan.actors, start + this.batchSize); i++) rows.push(this.actorRow(i))
      yield { phase: 'actors', rows: { ...emptyRows(), actors: rows }, count: rows.length, links: 0 }
    }
  }

  * documents (): Generator<SyntheticBatch> {
    for (let start = 0; start < this.plan.documents; start += this.batchSize) {
      const rows: DocumentRow[] = []
      for (let d = start; d < Math.min(this.plan.documents, start + this.batchSize); d++) rows.push(this.documentRow(this.docInfo(d)))
      yield { phase: 'documents', rows: { ...emptyRows(), documents: rows }, count: rows.length, links: 0 }
    }
  }

  * affiliations (): Generator<SyntheticBatch> {
    let rows: AffiliationRow[] = []
    const flush = (): SyntheticBatch => {
      const batch: SyntheticBatch = { phase: 'affiliations', rows: { ...emptyRows(), affiliations: rows }, count: rows.length, links: 0 }
      rows = []
      return batch
    }
    for (let i = 0; i < this.plan.actors; i++) {
      for (const a of this.affiliationsOf(i)) {
        rows.push(withHash({
          actor: actorId(a.actor),
          organisation: actorId(a.organisation),
          type: a.type,
          role: a.role === NO_ROLE ? null : ROLES[a.role]!,
          since: a.since,
          until: a.until,
        }))
      }
      if (rows.length >= this.batchSize) yield flush()
    }
    if (rows.length > 0) yield flush()
  }

  /**
   * Statements, document by document, in batches. Links point only at earlier statements: a
   * ring of the last few statements each actor said and was the target of.
   */
  * statements (): Generator<SyntheticBatch> {
    const A = this.plan.actors
    const recentBy = new Int32Array(A * RING).fill(-1)
    const recentAbout = new Int32Array(A * RING).fill(-1)
    const byNext = new Uint8Array(A)
    const aboutNext = new Uint8Array(A)
    const recent = (ring: Int32Array, a: number, rng: Rng): number => {
      const j = ring[a * RING + rng.int(RING)]!
      return j >= 0 ? j : ring[a * RING]!
    }
    const rng = Rng.for(this.seed, Stream.Statement)
    let rows: StatementRow[] = []
    let links = 0
    let next = 0
    for (let d = 0; d < this.plan.documents; d++) {
      const doc = this.docInfo(d)
      const docRng = Rng.for(this.seed, Stream.Topic, d)
      const size = this.docSize[d]!
      const textParts: string[] | undefined = this.onDocumentText ? [] : undefined
      const title = this.docTitle(doc, Rng.for(this.seed, Stream.Document, d ^ 0x27d4eb2d))
      let gap = title + '.\n\n' + this.fillerText(docRng, CONTEXT + 8) + ' '
      let pos = 0
      for (let k = 0; k < size; k++) {
        const id = next++
        // Speakers: the author of an authored document, someone in the document's cast, or anyone.
        const speakers: number[] = []
        const speakerCount = rng.chance(0.12) ? 2 : 1
        for (let n = 0; n < speakerCount * 4 && speakers.length < speakerCount; n++) {
          const a = n === 0 && doc.authors.length > 0 && AUTHORED_KINDS.has(doc.kind) && rng.chance(0.75)
            ? doc.authors[0]!
            : rng.chance(0.55) ? doc.cast[rng.int(doc.cast.length)]! : this.speakers.sample(rng)
          if (!speakers.includes(a)) speakers.push(a)
        }
        const targets: number[] = []
        const targetCount = rng.weighted([[1, 65], [2, 25], [3, 10]] as const)
        for (let n = 0; n < targetCount * 4 && targets.length < targetCount; n++) {
          const a = n === 0 && doc.addressees.length > 0 && rng.chance(0.6)
            ? doc.addressees[0]!
            : rng.chance(0.5) ? doc.cast[rng.int(doc.cast.length)]! : this.targets.sample(rng)
          if (!speakers.includes(a) && !targets.includes(a)) targets.push(a)
        }
        if (targets.length === 0) {
          for (let n = 0; n < 20 && targets.length === 0; n++) {
            const a = this.targets.sample(rng)
            if (!speakers.includes(a)) targets.push(a)
          }
          if (targets.length === 0) targets.push((speakers[0]! + 1) % A)
        }
        const firstStance = rng.weighted(STANCE)
        const stances = targets.map((_, n) => n === 0 || rng.chance(0.7) ? firstStance : rng.weighted(STANCE))
        const topics = [rng.chance(0.6) ? doc.mainTopic : this.topicSampler.sample(rng)]
        if (rng.chance(0.25)) {
          const second = this.topicSampler.sample(rng)
          if (second !== topics[0]) topics.push(second)
        }
        const attribution = rng.weighted(ATTRIBUTION)
        const verb = doc.kind === 'letter' && attribution === 'according-to' && rng.chance(0.7)
          ? 'according to the letter'
          : rng.weighted(VERBS[attribution]!)
        let template = rng.pick(TEMPLATES[firstStance]!)
        if (targets.length > 1) template = template.replace('{T} has ', '{T} have ').replace('{T} is ', '{T} are ')
        let sentence = template
          .replace('{T}', joinNames(targets.map((a) => this.names[a]!)))
          .replace('{topic}', this.topicName(topics[0]!))
        if (rng.chance(0.35)) sentence += rng.pick(ADJUNCTS)
        const text = capitalise(sentence) + '.'
        const speakerName = joinNames(speakers.map((a) => this.names[a]!))
        const span = attribution === 'direct-quote'
          ? (rng.chance(0.5) ? `"${text}" ${speakerName} ${verb}.` : `${speakerName} ${verb}: "${text}"`)
          : attribution === 'paraphrase'
            ? `${speakerName} ${verb} that ${sentence}.`
            : verb === 'according to the letter'
              ? `According to the letter from ${speakerName}, ${sentence}.`
              : `${capitalise(verb)} ${speakerName}, ${sentence}.`

        // Lay the span into the notional text: [gap][span][gap]... with gaps of >= 32 characters.
        const before = gap.slice(-CONTEXT)
        pos += gap.length
        textParts?.push(gap, span)
        const start = pos
        const end = pos + span.length
        pos = end
        gap = ' ' + this.fillerText(docRng, CONTEXT) + (k === size - 1 ? '' : docRng.chance(0.3) ? '\n\n' : ' ')
        const after = gap.slice(0, CONTEXT)

        // Dates: usually the document's day, sometimes days or months earlier.
        const shift = rng.weighted([[0, 70], [1, 25], [2, 5]] as const)
        const day = Math.max(FIRST_DAY, doc.day - (shift === 0 ? 0 : shift === 1 ? 1 + rng.int(14) : 15 + rng.int(350)))
        const precision = doc.precision === 'unknown' && rng.chance(0.7) ? 'unknown' : rng.weighted(STATEMENT_PRECISION)
        const date = formatDay(day, precision)

        const statementLinks: Array<{ type: string, statement: string }> = []
        const addLink = (type: string, j: number): void => {
          if (j < 0 || j >= id) return
          const sid = statementId(j)
          if (statementLinks.some((l) => l.statement === sid)) return
          statementLinks.push({ type, statement: sid })
        }
        const s0 = speakers[0]!
        if (rng.chance(0.08)) addLink('responds-to', recent(recentAbout, s0, rng))
        if (rng.chance(0.025)) addLink('contradicts', recent(recentBy, targets[0]!, rng))
        if (rng.chance(0.025)) {
          const other = this.speakers.sample(rng)
          if (other !== s0) addLink('supports', recent(recentBy, other, rng))
        }
        if (rng.chance(0.015)) addLink('repeats', recent(recentBy, s0, rng))
        links += statementLinks.length
        const original = d > 0 && doc.kind === 'news-article' && rng.chance(0.03) ? d - 1 - rng.int(Math.min(d, 2000)) : null

        rows.push(withHash({
          id: statementId(id),
          attribution,
          verb,
          text,
          date,
          datePrecision: precision,
          ...dateRange(date ?? undefined),
          note: null,
          speakers: speakers.map((a, position) => ({
            actor: actorId(a),
            role: this.primaryRole[a] !== NO_ROLE && rng.chance(0.35) ? ROLES[this.primaryRole[a]!]! : null,
            position,
          })),
          targets: targets.map((a, n) => ({ actor: actorId(a), stance: stances[n]! })),
          topics: topics.map(topicId),
          document: documentId(d),
          evidence: { start, end, text: span, before, after, documentHash: null },
          originalDocument: original === null ? null : documentId(original),
          links: statementLinks,
        }))

        for (const a of speakers) recentBy[a * RING + (byNext[a]!++ % RING)] = id
        for (const a of targets) recentAbout[a * RING + (aboutNext[a]!++ % RING)] = id
        if (rows.length >= this.batchSize) {
          yield { phase: 'statements', rows: { ...emptyRows(), statements: rows }, count: rows.length, links }
          rows = []
          links = 0
        }
      }
      if (textParts) {
        textParts.push(gap)
        this.onDocumentText!(documentId(d), textParts.join(''))
      }
    }
    if (rows.length > 0) yield { phase: 'statements', rows: { ...emptyRows(), statements: rows }, count: rows.length, links }
  }
}

/** Rows generated between two turns of the event loop (see generateSynthetic). */
const CHUNK = 250

/**
 * The whole synthetic graph in write order (topics, actors, documents, affiliations, then
 * statements), in batches of about `batchSize` rows of one kind. Rows are generated in small
 * chunks with a turn of the event loop between them, so while the caller awaits the write of
 * one batch, the next one is generated without starving the driver's I/O.
 */
export async function * generateSynthetic (options: SyntheticOptions): AsyncGenerator<SyntheticBatch> {
  const batchSize = Math.max(1, options.batchSize ?? 5000)
  const graph = new SyntheticGraph({ ...options, batchSize: Math.min(batchSize, CHUNK) })
  for (const phase of [graph.topics(), graph.actors(), graph.documents(), graph.affiliations(), graph.statements()]) {
    let pending: SyntheticBatch | undefined
    for (const chunk of phase) {
      if (pending) {
        const into = pending.rows[chunk.phase] as unknown[]
        for (const row of chunk.rows[chunk.phase]) into.push(row)
        pending.count += chunk.count
        pending.links += chunk.links
      } else {
        pending = chunk
      }
      if (pending.count >= batchSize) {
        yield pending
        pending = undefined
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    if (pending) yield pending
  }
}
