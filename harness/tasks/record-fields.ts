import { InputError } from '../core/errors.ts';

/** Options every public-set loader takes. */
export interface LoadOptions {
  /** The suite name the tasks are loaded as; defaults to the set's own name. */
  suite?: string;
  /**
   * Called with each invalid record, which is then skipped (`--allow-invalid`). Without it the
   * first invalid record throws. Problems with the file as a whole always throw.
   */
  onInvalid?: (error: InputError) => void;
}

/** Where a record sits, for messages that start `file:line:`. */
export interface RecordAt {
  path: string;
  line: number;
  value: Record<string, unknown>;
}

export function fieldError(at: Pick<RecordAt, 'path' | 'line'>, field: string, message: string): InputError {
  return new InputError(`${at.path}:${at.line}: field "${field}" ${message}`);
}

/** A required string field; `blank: false` also rejects empty and whitespace-only text. */
export function stringField(at: RecordAt, field: string, options: { blank?: boolean } = {}): string {
  const value = at.value[field];
  if (value === undefined) throw fieldError(at, field, 'missing');
  if (typeof value !== 'string') throw fieldError(at, field, `must be a string, found ${typeName(value)}`);
  if (options.blank === false && value.trim() === '') throw fieldError(at, field, 'is empty');
  return value;
}

export function identifierField(at: RecordAt, field: string, value = stringField(at, field)): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(value)) {
    throw fieldError(at, field, `must be an identifier, found ${JSON.stringify(value.slice(0, 60))}`);
  }
  return value;
}

/** A list of strings; `nonEmpty` rejects `[]`. */
export function stringListField(at: RecordAt, field: string, options: { nonEmpty?: boolean } = {}): string[] {
  const value = at.value[field];
  if (value === undefined) throw fieldError(at, field, 'missing');
  if (!Array.isArray(value)) throw fieldError(at, field, `must be a list of strings, found ${typeName(value)}`);
  value.forEach((item, index) => {
    if (typeof item !== 'string') throw fieldError(at, `${field}[${index}]`, `must be a string, found ${typeName(item)}`);
  });
  if (options.nonEmpty && value.length === 0) throw fieldError(at, field, 'is empty');
  return value as string[];
}

/**
 * Converts records one by one, rejecting duplicate ids. An invalid record goes to `onInvalid`
 * when there is one and is skipped; otherwise it throws.
 */
export function convertRecords<R extends RecordAt, T extends { id: string }>(
  records: readonly R[],
  convert: (record: R) => T,
  options: LoadOptions,
): T[] {
  const out: T[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    try {
      const item = convert(record);
      const seen = firstLine.get(item.id);
      if (seen !== undefined) {
        throw new InputError(`${record.path}:${record.line}: duplicate task id ${JSON.stringify(item.id)} (first on line ${seen})`);
      }
      firstLine.set(item.id, record.line);
      out.push(item);
    } catch (error) {
      if (!(error instanceof InputError) || options.onInvalid === undefined) throw error;
      options.onInvalid(error);
    }
  }
  return out;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
