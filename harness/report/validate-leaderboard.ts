import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

let validator: ValidateFunction | undefined;

/** The JSON Schema every leaderboard file must satisfy; it ships beside this file. */
export function leaderboardSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('./leaderboard.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

/**
 * Checks a leaderboard document against leaderboard.schema.json.
 * @returns the problems, one line each with the JSON pointer; empty when the document is valid.
 */
export function validateLeaderboard(document: unknown): string[] {
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(leaderboardSchema());
  if (validator(document)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
