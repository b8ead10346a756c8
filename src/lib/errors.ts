// The one registry of errors whosaid answers with. Each code has a stable problem `type` URI
// (RFC 9457), a title and a status; handlers throw these and the root error handler turns
// them into application/problem+json.
export const PROBLEM_BASE = 'urn:whosaid:problem:'

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 5

export interface ProblemField {
  /** Where the bad value was: `querystring.limit`, `params.id`, `body/statements/0/speakers`... */
  name: string
  reason: string
}

interface ProblemInfo {
  slug: string
  title: string
  status: number
}

export const PROBLEMS = {
  WS_ERR_BAD_REQUEST: { slug: 'bad-request', title: 'Bad request', status: 400 },
  WS_ERR_VALIDATION: { slug: 'invalid-parameters', title: 'Invalid parameters', status: 400 },
  WS_ERR_UNAUTHORIZED: { slug: 'unauthorized', title: 'Authentication required', status: 401 },
  WS_ERR_FORBIDDEN: { slug: 'forbidden', title: 'Not allowed', status: 403 },
  WS_ERR_NOT_FOUND: { slug: 'not-found', title: 'Not found', status: 404 },
  WS_ERR_ROUTE_NOT_FOUND: { slug: 'route-not-found', title: 'No such route', status: 404 },
  WS_ERR_METHOD_NOT_ALLOWED: { slug: 'method-not-allowed', title: 'Method not allowed', status: 405 },
  WS_ERR_NOT_ACCEPTABLE: { slug: 'not-acceptable', title: 'Not acceptable', status: 406 },
  WS_ERR_CONFLICT: { slug: 'conflict', title: 'Conflict', status: 409 },
  WS_ERR_PRECONDITION_FAILED: { slug: 'precondition-failed', title: 'Precondition failed', status: 412 },
  WS_ERR_PAYLOAD_TOO_LARGE: { slug: 'payload-too-large', title: 'Payload too large', status: 413 },
  WS_ERR_URI_TOO_LONG: { slug: 'uri-too-long', title: 'URI too long', status: 414 },
  WS_ERR_UNSUPPORTED_MEDIA_TYPE: { slug: 'unsupported-media-type', title: 'Unsupported media type', status: 415 },
  WS_ERR_UNPROCESSABLE: { slug: 'unprocessable', title: 'Unprocessable content', status: 422 },
  WS_ERR_RATE_LIMITED: { slug: 'rate-limited', title: 'Too many requests', status: 429 },
  WS_ERR_INTERNAL: { slug: 'internal', title: 'Internal server error', status: 500 },
  WS_ERR_DB_UNAVAILABLE: { slug: 'database-unavailable', title: 'Database unavailable', status: 503 },
  WS_ERR_DB_TIMEOUT: { slug: 'database-timeout', title: 'Database query timed out', status: 503 },
  WS_ERR_OVERLOADED: { slug: 'overloaded', title: 'Service overloaded', status: 503 },
} as const satisfies Record<string, ProblemInfo>

export type ProblemCode = keyof typeof PROBLEMS

export function problemType (code: ProblemCode): string {
  return PROBLEM_BASE + PROBLEMS[code].slug
}

/** An error that carries its problem code and, for 400/422, the fields at fault. */
export class ProblemError extends Error {
  readonly code: ProblemCode
  readonly statusCode: number
  readonly fields: ProblemField[] | undefined
  readonly headers: Record<string, string> | undefined

  constructor (code: ProblemCode, detail: string, options: { fields?: ProblemField[], headers?: Record<string, string>, cause?: unknown } = {}) {
    super(detail, { cause: options.cause })
    this.name = 'ProblemError'
    this.code = code
    this.statusCode = PROBLEMS[code].status
    this.fields = options.fields
    this.headers = options.headers
  }
}

export const notFound = (what: string, id: string) =>
  new ProblemError('WS_ERR_NOT_FOUND', `No ${what} with id '${id}'.`)

export const badParameters = (fields: ProblemField[]) =>
  new ProblemError('WS_ERR_VALIDATION', fields.map((f) => `${f.name}: ${f.reason}`).join('; '), { fields })
