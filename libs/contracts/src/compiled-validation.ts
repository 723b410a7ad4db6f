import {
  arrayMaxSize,
  arrayMinSize,
  getMetadataStorage,
  isArray,
  isBoolean,
  isEmail,
  isEnum,
  isIn,
  isInt,
  isObject,
  isString,
  isUUID,
  matches,
  max,
  maxLength,
  min,
  minLength,
} from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { isDateOnly, isUtcTimestamp } from './common/field-rules';

type Check = (value: unknown) => boolean;
/** A validation class. */
type ClassType = abstract new (...args: never[]) => object;
type Rule = (value: unknown, constraints: unknown[]) => boolean;

/** The constraints the contracts use, by class-validator's names, checked with class-validator's own functions. */
const RULES: Record<string, Rule> = {
  isString: (v) => isString(v),
  maxLength: (v, [n]) => maxLength(v, n as number),
  minLength: (v, [n]) => minLength(v, n as number),
  matches: (v, [pattern, modifiers]) => typeof v === 'string' && matches(v, pattern as never, modifiers as never),
  isEnum: (v, [entity]) => isEnum(v, entity),
  isIn: (v, [values]) => isIn(v, values as unknown[]),
  isInt: (v) => isInt(v),
  min: (v, [n]) => min(v, n as number),
  max: (v, [n]) => max(v, n as number),
  isBoolean: (v) => isBoolean(v),
  isObject: (v) => isObject(v),
  isArray: (v) => isArray(v),
  arrayMaxSize: (v, [n]) => arrayMaxSize(v, n as number),
  arrayMinSize: (v, [n]) => arrayMinSize(v, n as number),
  isUuid: (v, [version]) => isUUID(v, version as never),
  isEmail: (v, [options]) => isEmail(v, options as never),
  isDateOnly: (v) => isDateOnly(v),
  isUtcTimestamp: (v) => isUtcTimestamp(v),
};

const NEVER: Check = () => false;
const compiled = new Map<ClassType, Check>();

function each(check: Check, applyToEach: boolean | undefined): Check {
  if (!applyToEach) return check;
  return (v) => (Array.isArray(v) ? v.every(check) : check(v));
}

/**
 * A fast, allocation-free check of plain data against a class-validator class, built once from the class's own
 * decorator metadata and using class-validator's own rule functions. It answers only "valid" or "cannot tell":
 * any decorator it does not know makes the whole class answer false, so that the caller falls back to full
 * class-validator validation (which also produces the field messages). It never accepts what class-validator
 * would refuse; the catalogue tests check this on every event and every broken variant of it.
 */
export function compiledCheck(type: ClassType): Check {
  const cached = compiled.get(type);
  if (cached) return cached;
  compiled.set(type, NEVER); // guards recursion; replaced below
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const byProperty = new Map<string, typeof metadata>();
  for (const meta of metadata) byProperty.set(meta.propertyName, [...(byProperty.get(meta.propertyName) ?? []), meta]);

  const properties: Array<[string, Check]> = [];
  for (const [property, metas] of byProperty) {
    let optional = false;
    const checks: Check[] = [];
    for (const meta of metas) {
      if (meta.type === 'conditionalValidation' && meta.name === 'isOptional') optional = true;
      else if (meta.type === 'customValidation' && meta.name && RULES[meta.name]) {
        const rule = RULES[meta.name];
        const constraints = meta.constraints ?? [];
        checks.push(each((v) => rule(v, constraints), meta.each));
      } else if (meta.type === 'nestedValidation') {
        const nested = defaultMetadataStorage.findTypeMetadata(type, property)?.typeFunction() as ClassType | undefined;
        if (typeof nested !== 'function') return remember(type, NEVER);
        const nestedCheck: Check = (v) => compiledCheck(nested)(v);
        checks.push((v) =>
          Array.isArray(v) ? v.every((x) => isObject(x) && nestedCheck(x)) : isObject(v) && nestedCheck(v),
        );
      } else return remember(type, NEVER);
    }
    properties.push([
      property,
      optional ? (v) => v === undefined || v === null || checks.every((c) => c(v)) : (v) => checks.every((c) => c(v)),
    ]);
  }
  return remember(type, (value) => {
    if (!isObject(value) || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const [property, check] of properties) if (!check(record[property])) return false;
    return true;
  });
}

function remember(type: ClassType, check: Check): Check {
  compiled.set(type, check);
  return check;
}
