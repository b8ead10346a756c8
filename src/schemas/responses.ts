import { Type, type TSchema } from '@sinclair/typebox'
import { ProblemSchema } from './problem.js'

const DESCRIPTIONS: Record<number, string> = {
  304: 'Not modified: the ETag in If-None-Match still matches',
  400: 'Invalid parameters: each one is named with the reason',
  401: 'An API key is required',
  403: 'The API key lacks the scope',
  404: 'No such resource: the id is named',
  408: 'The request took longer than REQUEST_TIMEOUT_MS to arrive or be answered',
  409: 'Conflict with the current state',
  412: 'If-Match does not match the current ETag',
  413: 'Request body too large',
  415: 'Unsupported content type',
  422: 'A referenced resource does not exist',
  429: 'Rate limit exceeded: see Retry-After',
  503: 'The database is unreachable, timed out, or the service is overloaded: see Retry-After',
}

/** Response schemas for the listed error statuses: each one is application/problem+json. */
export function problemResponses (...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {}
  for (const status of statuses) {
    out[status] = status === 304
      ? Type.Null({ description: DESCRIPTIONS[304] })
      : {
          description: DESCRIPTIONS[status] ?? 'Error',
          content: { 'application/problem+json': { schema: Type.Ref(ProblemSchema) } },
        } as unknown as TSchema
  }
  return out
}

/**
 * A 200 response whose schema is a shared component ($ref): OpenAPI drops keywords beside a
 * $ref, so the example goes on the media type instead.
 */
export function okRef (ref: TSchema, description: string, example: unknown[] | undefined): TSchema {
  return {
    description,
    content: { 'application/json': { schema: ref, ...(example ? { example: example[0] } : {}) } },
  } as unknown as TSchema
}

/**
 * What every /v1 operation can answer, whatever its own logic: 400 (a bad parameter or
 * neo4j-bookmarks header), 401 (a malformed or unknown key, checked on every request), 408 (the
 * request timeout), 409 (a node removed by a concurrent write mid-request), 429 (the rate limit,
 * global), 503 (database unreachable or timed out, or load shedding); with a body also 413 and
 * 415; GETs 304. tests/routes/v1/contract.test.ts produces each from its hook.
 */
export function sharedResponses ({ get, hasBody }: { get: boolean, hasBody: boolean }): Record<number, TSchema> {
  return problemResponses(...(get ? [304] : []), 400, 401, 408, 409, 429, 503, ...(hasBody ? [413, 415] : []))
}
