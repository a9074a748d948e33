import type { IssueCode, IssueParams } from '../issues/issue.js';

/** The part of ajv's ErrorObject we read (validators are generated with `verbose: true`). */
export interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
  readonly parentSchema?: { readonly properties?: Readonly<Record<string, unknown>> };
}

export interface MappedAjvError {
  readonly code: IssueCode;
  readonly pointer: string;
  /** Point at the key rather than the value (unknown properties). */
  readonly atKey: boolean;
  readonly params: IssueParams;
}

const RANGE = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);

/** Maps ajv errors to our issue codes; combinator noise (if/oneOf) is dropped, duplicates merged. */
export function mapAjvErrors(errors: readonly AjvError[]): MappedAjvError[] {
  const out: MappedAjvError[] = [];
  const seen = new Set<string>();
  const push = (e: MappedAjvError): void => {
    const key = `${e.code} ${e.pointer} ${JSON.stringify(e.params)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  };
  for (const e of errors) {
    const p = e.params;
    const at = e.instancePath;
    switch (e.keyword) {
      case 'required':
        push({ code: 'missing_property', pointer: at, atKey: false, params: { property: String(p['missingProperty']) } });
        break;
      case 'additionalProperties': {
        const prop = String(p['additionalProperty']);
        const allowed = Object.keys(e.parentSchema?.properties ?? {}).filter((k) => !k.startsWith('$'));
        push({
          code: 'unknown_property',
          pointer: `${at}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          atKey: true,
          params: { property: prop, expected: allowed.join(', ') },
        });
        break;
      }
      case 'type':
        push({ code: 'wrong_type', pointer: at, atKey: false, params: { expected: String(p['type']) } });
        break;
      case 'enum':
        push({ code: 'not_allowed_value', pointer: at, atKey: false, params: { expected: (p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ') } });
        break;
      case 'const':
        push({ code: 'not_allowed_value', pointer: at, atKey: false, params: { expected: JSON.stringify(p['allowedValue']) } });
        break;
      case 'pattern':
        push({ code: 'bad_format', pointer: at, atKey: false, params: { expected: `text matching ${String(p['pattern'])}` } });
        break;
      case 'propertyNames':
        push({
          code: 'bad_format',
          pointer: `${at}/${String(p['propertyName'])}`,
          atKey: true,
          params: { expected: 'a name of letters, digits and _ starting with a letter' },
        });
        break;
      case 'if':
      case 'not':
      case 'allOf':
        break;
      case 'oneOf':
      case 'anyOf':
        push({ code: 'no_matching_shape', pointer: at, atKey: false, params: { expected: e.message ?? e.keyword } });
        break;
      default:
        if (RANGE.has(e.keyword)) push({ code: 'out_of_range', pointer: at, atKey: false, params: { expected: e.message ?? e.keyword } });
        else push({ code: 'no_matching_shape', pointer: at, atKey: false, params: { expected: e.message ?? e.keyword } });
    }
  }
  // A oneOf failure is only worth reporting where no branch error says more.
  return out.filter((e) => e.code !== 'no_matching_shape' || !out.some((o) => o !== e && o.pointer.startsWith(e.pointer) && o.code !== 'no_matching_shape'));
}
