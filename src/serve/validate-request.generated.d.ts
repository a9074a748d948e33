import type { ErrorObject } from 'ajv';
/** A standalone ajv validator of one request schema (generated at build time). */
type Validator = ((data: unknown) => boolean) & { errors?: readonly ErrorObject[] | null };
/** The validators of request.schema.json's definitions, one per operation. */
export declare const SettleRequest: Validator;
export declare const ValidateRequest: Validator;
export declare const ExplainRequest: Validator;
export declare const SimulateRequest: Validator;
export declare const TestRequest: Validator;
