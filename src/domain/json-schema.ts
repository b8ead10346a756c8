import { SeedFileSchema } from './seed-model.js'

/** The seed format as a JSON Schema document (draft 2020-12), text ready to write. */
export function seedJsonSchema (): string {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:whosaid:graph-seed',
    ...JSON.parse(JSON.stringify(SeedFileSchema)) as object,
  }
  return JSON.stringify(schema, null, 2) + '\n'
}
