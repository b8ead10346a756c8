import { Type, type Static } from '@sinclair/typebox'

export const ProblemFieldSchema = Type.Object({
  name: Type.String({ description: 'where the bad value is: querystring.limit, params.id, body/text...' }),
  reason: Type.String({ description: 'why it was refused' }),
})

/** RFC 9457 problem details, the body of every error response. */
export const ProblemSchema = Type.Object({
  type: Type.String({ description: 'stable URI naming the kind of problem', examples: ['urn:whosaid:problem:not-found'] }),
  title: Type.String({ description: 'short summary of the kind of problem' }),
  status: Type.Integer({ description: 'the HTTP status code' }),
  detail: Type.String({ description: 'what went wrong with this request' }),
  instance: Type.String({ description: 'the request path that failed' }),
  requestId: Type.Optional(Type.String({ description: 'the request id, also in the x-request-id header and every log line' })),
  errors: Type.Optional(Type.Array(ProblemFieldSchema, { description: 'each parameter or field at fault, and why' })),
}, { $id: 'Problem', title: 'Problem', description: 'RFC 9457 problem details' })

export type Problem = Static<typeof ProblemSchema>
