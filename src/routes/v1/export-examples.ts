// The start of each export format over the article graph (GET /v1/export?about=tiktok&...),
// for the OpenAPI document; tests/export/openapi-examples.test.ts checks each is a true answer.
export const EXPORT_EXAMPLES: Record<string, string> = {
  ndjson: '',
  csv: '',
  graphml: '',
  gexf: '',
  jsonld: '',
}
