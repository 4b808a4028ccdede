/**
 * EvalPlus's task-specific rules, ported from evalplus v0.3.1: `evalplus/data/mbpp.py`
 * (`mbpp_deserialize_inputs`), `evalplus/eval/_special_oracle.py` and `check_output` in
 * `evalplus/eval/__init__.py`. Each value is Python source that the generated tests embed.
 */

/**
 * MBPP+ stores tuples, sets and complex numbers as JSON lists and strings; EvalPlus turns them
 * back per task before calling anything. Each expression maps one input (the argument list `inp`)
 * to the arguments the functions expect.
 */
const MBPP_INPUT_CONVERSIONS: [number[], string][] = [
  [[2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809], '[tuple(x) for x in inp]'],
  [[63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780], '[[tuple(x) for x in xs] for xs in inp]'],
  [[75, 413, 444, 753], '[[tuple(x) for x in inp[0]]] + [inp[1]]'],
  [[106, 750], '[inp[0]] + [tuple(inp[1])]'],
  [[115], '[[set(x) if isinstance(x, list) and len(x) else {} for x in inp[0]]]'],
  [[124], '(float(inp[0]), complex(inp[1]))'],
  [[250, 405, 446, 617, 720, 763, 808], '[tuple(inp[0])] + [inp[1]]'],
  [[259, 401, 445], '[tuple(tuple(x) for x in xs) for xs in inp]'],
  [[278], '[tuple(tuple(x) if isinstance(x, list) else x for x in inp[0])]'],
  [[307], '[tuple(inp[0])] + [inp[1], inp[2]]'],
  [[722], '[{k: tuple(v) for k, v in inp[0].items()}] + inp[1:]'],
  [[252], '[complex(inp[0])]'],
  [[580, 615, 791], '_cb_all_tuples(inp)'],
];

/** Python expression over `inp` for MBPP+ task number `n`, or `undefined` when inputs are used as read. */
export function mbppInputConversion(n: number): string | undefined {
  return MBPP_INPUT_CONVERSIONS.find(([ids]) => ids.includes(n))?.[1];
}

export type EvalPlusOracle =
  | 'find-zero'
  | 'any-output'
  | 'or-zero'
  | 'surface-area'
  | 'digit-distance'
  | 'set-equal'
  | 'not-none';

/**
 * Tasks whose outputs are not compared with `==`. Keyed by entry point, as EvalPlus does.
 * HumanEval/32 accepts any root; MBPP+ has ambiguous specifications that EvalPlus resolved by
 * accepting several readings.
 */
const ORACLES: Record<'humaneval' | 'mbpp', Record<string, EvalPlusOracle>> = {
  humaneval: { find_zero: 'find-zero' },
  mbpp: {
    are_equivalent: 'any-output', // Mbpp/164
    sum_div: 'or-zero', // Mbpp/295
    surface_Area: 'surface-area', // Mbpp/581
    digit_distance_nums: 'digit-distance', // Mbpp/558
    similar_elements: 'set-equal', // Mbpp/2
    find_char_long: 'set-equal', // Mbpp/7
    common_in_nested_lists: 'set-equal', // Mbpp/111
    extract_singly: 'set-equal', // Mbpp/140
    larg_nnum: 'set-equal', // Mbpp/232
    intersection_array: 'set-equal', // Mbpp/249
    find_dissimilar: 'set-equal', // Mbpp/579
    Diff: 'set-equal', // Mbpp/769
    check_str: 'not-none',
    text_match_three: 'not-none',
    text_starta_endb: 'not-none',
  },
};

export function evalPlusOracle(dataset: 'humaneval' | 'mbpp', entryPoint: string): EvalPlusOracle | undefined {
  return Object.hasOwn(ORACLES[dataset], entryPoint) ? ORACLES[dataset][entryPoint] : undefined;
}

/** Python that decides whether `out` is right, as EvalPlus's `check_output`; `exact` is `out == exp`. */
export const ORACLE_PYTHON: Record<EvalPlusOracle, string> = {
  'find-zero': 'return abs(_cb_poly(*inp, out)) <= atol',
  'any-output': 'exact = True',
  'or-zero': 'exact = exact or out == 0',
  'surface-area': 'exact = exact or abs(out - _cb_surface_area(*inp)) <= atol',
  'digit-distance': 'exact = exact or out == _cb_digit_distance_nums(*inp)',
  'set-equal': 'exact = set(out) == set(exp)',
  'not-none': 'exact = out == exp if isinstance(out, bool) else exp == (out is not None)',
};

/** Helper functions the oracles call, copied in behaviour from `_special_oracle.py`. */
export const ORACLE_HELPERS: Partial<Record<EvalPlusOracle, string>> = {
  'find-zero': `def _cb_poly(xs, x):
    return sum(coeff * _cb_math.pow(x, i) for i, coeff in enumerate(xs))
`,
  'surface-area': `def _cb_surface_area(base_edge, height):
    slant_height = _cb_math.sqrt((base_edge / 2) ** 2 + height ** 2)
    return round(base_edge ** 2 + 4 * (base_edge * slant_height) / 2)
`,
  'digit-distance': `def _cb_digit_distance_nums(num1, num2):
    a, b = str(num1), str(num2)
    width = max(len(a), len(b))
    return sum(abs(int(x) - int(y)) for x, y in zip(a.zfill(width), b.zfill(width)))
`,
};
