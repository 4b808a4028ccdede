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

export function each(items: Schema | Rule[]): Each {
  throw new Error("Remove this line and implement each");
}

export function validate(schema: Schema, data: unknown, options: { strict?: boolean } = {}): { valid: boolean; errors: ValidationError[] } {
  throw new Error("Remove this line and implement validate");
}
