import schema from './rule-file.schema.json' with { type: 'json' };

/** The JSON Schema of rule files (draft-07), for editors and for `$schema` in rule files. */
export const ruleFileSchema: Readonly<Record<string, unknown>> = schema;
