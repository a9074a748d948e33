import type { AjvError } from './ajv-issues.js';
/** The standalone ajv validator of rule-file.schema.json (generated at build time). */
declare const validate: ((data: unknown) => boolean) & { errors?: readonly AjvError[] | null };
export default validate;
