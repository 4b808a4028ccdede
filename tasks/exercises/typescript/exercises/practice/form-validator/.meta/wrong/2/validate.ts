import { isRequiredRule, type Rule } from "./rules";

export interface Each {
  each: Schema | Rule[];
}

export interface Schema {
  [field: string]: Rule[] | Schema | Each;
}

export interface ValidationError {
  path: string;
  message: string;
}

const EACH = new WeakSet<object>();

export function each(items: Schema | Rule[]): Each {
  const marker: Each = { each: items };
  EACH.add(marker);
  return marker;
}

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function check(spec: Schema | Rule[] | Each, value: unknown, path: string, strict: boolean, errors: ValidationError[]): void {
  if (Array.isArray(spec)) {
    if (value === undefined && !spec.some(isRequiredRule)) return;
    const rules = spec;
    for (const rule of rules) {
      const message = rule(value);
      if (message !== null) {
        errors.push({ path, message });
        return;
      }
    }
    return;
  }
  if (absent(value)) {
    errors.push({ path, message: "is required" });
    return;
  }
  if (EACH.has(spec)) {
    if (!Array.isArray(value)) {
      errors.push({ path, message: "must be a list" });
      return;
    }
    value.forEach((item, i) => check((spec as Each).each, item, `${path}[${i}]`, strict, errors));
    return;
  }
  checkObject(spec as Schema, value, path, strict, errors);
}

function checkObject(schema: Schema, value: unknown, path: string, strict: boolean, errors: ValidationError[]): void {
  if (!isPlainObject(value)) {
    errors.push({ path, message: "must be an object" });
    return;
  }
  const join = (name: string) => (path === "" ? name : `${path}.${name}`);
  for (const [name, spec] of Object.entries(schema)) check(spec, value[name], join(name), strict, errors);
  if (strict) {
    for (const name of Object.keys(value)) if (!Object.hasOwn(schema, name)) errors.push({ path: join(name), message: "unknown field" });
  }
}

export function validate(schema: Schema, data: unknown, options: { strict?: boolean } = {}): { valid: boolean; errors: ValidationError[] } {
  const errors: ValidationError[] = [];
  checkObject(schema, data, "", options.strict ?? false, errors);
  return { valid: errors.length === 0, errors };
}
