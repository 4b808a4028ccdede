import { z } from 'zod';

/** Hidden cases a corpus `program` task needs at least: enough for the edge cases, as tests need 8 asserts. */
export const MIN_PROGRAM_CASES = 8;

/** One hidden stdin/stdout case as written in YAML; both are strings (quote numbers). */
export const programCaseSchema = z.strictObject({ input: z.string(), output: z.string() });

/** What the program-task rules read of a task file. */
interface ProgramTaskFields {
  entry_point?: string | undefined;
  tests?: string | undefined;
  cases?: { input: string; output: string }[] | undefined;
  wrong?: string[] | undefined;
}

/**
 * The rules for `kind: program`: the whole program reads stdin and writes stdout, so there is no
 * entry point and no tests; the hidden checks are `cases`, and a wrong program must exist for the
 * cases to reject.
 */
export function checkProgramTask(task: ProgramTaskFields, ctx: z.RefinementCtx): void {
  if (task.entry_point !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['entry_point'], message: 'a program task has no entry_point: the whole program reads stdin and writes stdout' });
  }
  if (task.tests !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['tests'], message: 'a program task has no tests: its hidden checks are cases' });
  }
  if (task.cases === undefined) {
    ctx.addIssue({ code: 'custom', path: ['cases'], message: `missing required field (a program task needs at least ${MIN_PROGRAM_CASES} hidden cases of input and output)` });
  } else if (task.cases.length < MIN_PROGRAM_CASES) {
    ctx.addIssue({ code: 'custom', path: ['cases'], message: `a program task needs at least ${MIN_PROGRAM_CASES} cases, got ${task.cases.length}` });
  } else {
    const first = new Map<string, number>();
    task.cases.forEach((c, index) => {
      const earlier = first.get(c.input);
      if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: ['cases', index, 'input'], message: `repeats the input of cases[${earlier}]` });
      else first.set(c.input, index);
    });
  }
  if (task.wrong === undefined || task.wrong.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['wrong'], message: 'a program task needs at least one wrong program that a case rejects' });
  }
}

/** A function task's own fields must be there, and it has no cases. */
export function checkFunctionFields(task: ProgramTaskFields, ctx: z.RefinementCtx): boolean {
  let ok = true;
  for (const field of ['entry_point', 'tests'] as const) {
    if (task[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'missing required field' });
      ok = false;
    }
  }
  if (task.cases !== undefined) ctx.addIssue({ code: 'custom', path: ['cases'], message: 'only program tasks have cases; a function task is checked by its tests' });
  return ok;
}
