import { HUMANEVAL_X_KNOWN_FAILURES, HUMANEVAL_X_TEST_NOTES } from './load-humaneval-x.ts';

/**
 * Known mistakes in the public sets as released, by task id. A task listed here stays in its
 * suite (never dropped silently); `codebench tasks validate` and scripts/check-imports.ts show the
 * reason, and do not count an `unpassable` task's failure as a problem of ours.
 */
export interface Erratum {
  /**
   * `unpassable`: no completion can pass the tests as shipped, so every model fails the task
   * alike. `corrected`: codebench grades differently from the shipped test, as the reason says.
   * `note`: a quirk of the data that graders should know about.
   */
  effect: 'unpassable' | 'corrected' | 'note';
  reason: string;
}

const POLY =
  "EvalPlus's released test (HumanEvalPlus-OriginFmt) asserts _poly(*candidate(*inp), inp) <= 0.0001, arguments swapped, so even the canonical solution fails with a TypeError; codebench checks abs(_poly(*inp, out)) <= atol as EvalPlus's own evaluator does (evalplus/eval/__init__.py)";

const syntax = (what: string): Erratum => ({ effect: 'unpassable', reason: `SyntaxError in the MultiPL-E tests themselves: ${what}` });
const mistyped = (parameter: string, type: string, argument: string): Erratum => ({
  effect: 'unpassable',
  reason: `MultiPL-E's prompt types ${parameter} as ${type}, but the tests pass ${argument}; codebench type-checks TypeScript, so no completion passes`,
});

const UNQUOTED = 'string arguments with unescaped inner quotes (""Python", "PHP", "Java"")';

export const ERRATA: Readonly<Record<string, Erratum>> = {
  'HumanEvalPlus/32': { effect: 'corrected', reason: POLY },
  'HumanEvalPlus-base/32': { effect: 'corrected', reason: POLY },
  'MbppPlus/793': {
    effect: 'note',
    reason: 'plus_input is {} (an empty object, not a list) in MBPP+ v0.2.0: there are no plus inputs, so the plus variant runs the 3 base inputs only',
  },
  'MbppPlus/255': {
    effect: 'note',
    reason:
      'needs about 2.3 GB: one plus input (5 colours, n = 77) makes combinations_with_replacement return 1.66 million tuples (about 1.1 GB), held twice to compare; EvalPlus allows 4 GB, so under a 2 GiB sandbox limit even the canonical solution fails with MemoryError',
  },
  'MultiPL-E/js/HumanEval_51_remove_vowels': syntax('a raw newline inside a string literal ("abcdef<newline>ghijklm")'),
  'MultiPL-E/js/mbpp_237_check_occurences': syntax('an object literal with array keys ({[1, 3]: 2, ...})'),
  'MultiPL-E/js/mbpp_563_extract_values': syntax(UNQUOTED),
  'MultiPL-E/js/mbpp_725_extract_quotation': syntax('a string argument with unescaped inner quotes ("Cortex "A53" Based ...")'),
  'MultiPL-E/ts/mbpp_563_extract_values': syntax(UNQUOTED),
  'MultiPL-E/ts/mbpp_725_extract_quotation': syntax('a string argument with unescaped inner quotes ("Cortex "A53" Based ...")'),
  'MultiPL-E/ts/mbpp_65_recursive_list_sum': mistyped('data_list', 'number | number[][]', 'mixed arrays such as [1, 2, [3, 4], [5, 6]]'),
  'MultiPL-E/ts/mbpp_253_count_integer': mistyped('list1', 'number | string | number[]', 'mixed arrays such as [1, 2, "abc", 1.2]'),
  'MultiPL-E/ts/mbpp_278_count_first_elements': mistyped('test_tup', 'number | [number, number][]', 'mixed arrays such as [1, 5, 7, [4, 6], 10]'),
  'MultiPL-E/ts/mbpp_294_max_val': mistyped('listval', 'string | number[]', 'mixed arrays such as ["Python", 3, 2, 4, 5, "version"]'),
  'MultiPL-E/ts/mbpp_297_flatten_list': mistyped('list1', 'number | number[][]', 'mixed arrays such as [0, 10, [20, 30], 40]'),
  'MultiPL-E/ts/mbpp_405_check_tuplex': mistyped('tuplex', 'string | number[]', 'mixed arrays such as ["w", 3, "r"]'),
  'MultiPL-E/ts/mbpp_410_min_val': mistyped('listval', 'string | number[]', 'mixed arrays such as ["Python", 3, 2, 4, 5, "version"]'),
  ...Object.fromEntries(Object.entries(HUMANEVAL_X_KNOWN_FAILURES).map(([id, reason]) => [id, { effect: 'unpassable', reason } satisfies Erratum])),
  ...Object.fromEntries(Object.entries(HUMANEVAL_X_TEST_NOTES).map(([id, reason]) => [id, { effect: 'note', reason } satisfies Erratum])),
};

export function erratumFor(taskId: string): Erratum | undefined {
  return Object.hasOwn(ERRATA, taskId) ? ERRATA[taskId] : undefined;
}
