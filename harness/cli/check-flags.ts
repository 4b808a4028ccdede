import { InputError } from '../core/errors.ts';

export function positiveInt(value: unknown, flag: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InputError(`${flag}: expected a whole number from 1 up, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function positiveNumber(value: unknown, flag: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InputError(`${flag}: expected a number above 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function nonNegativeNumber(value: unknown, flag: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${flag}: expected a number from 0 up, got ${JSON.stringify(value)}`);
  }
  return value;
}
