import { InputError } from '../core/errors.ts';

export type SetFormat = 'humaneval' | 'humaneval-x' | 'evalplus' | 'mbpp' | 'multipl-e' | 'livecodebench';

/** One released data file, pinned by content hash (../shared/datasets/README.md). */
export interface PublicSet {
  /** The suite name users type, e.g. `humaneval+`. */
  name: string;
  /** File name in the cache. */
  file: string;
  /** The canonical download, pinned to a commit or release where the host allows it. */
  url: string;
  /** sha256 of the file as released (for `.gz`, the compressed bytes). */
  sha256: string;
  format: SetFormat;
  description: string;
}

const RAW = 'https://raw.githubusercontent.com';
const MULTIPL_E = `${RAW}/nuprl/MultiPL-E/7bc20f22f27ebd353b07586695a2a9e3740cfcf8/prompts`;

export const PUBLIC_SETS: readonly PublicSet[] = [
  {
    name: 'humaneval',
    file: 'HumanEval.jsonl.gz',
    url: `${RAW}/openai/human-eval/6d43fb980f9fee3c892a914eda09951f772ad10d/data/HumanEval.jsonl.gz`,
    sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef',
    format: 'humaneval',
    description: 'HumanEval, 164 Python problems (openai/human-eval)',
  },
  {
    name: 'humaneval+',
    file: 'HumanEvalPlus.jsonl.gz',
    url: 'https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz',
    sha256: '272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101',
    format: 'evalplus',
    description: 'HumanEval+ v0.1.10 (EvalPlus): HumanEval with 80x more test inputs',
  },
  {
    name: 'mbpp',
    file: 'mbpp.jsonl',
    url: `${RAW}/google-research/google-research/30adf0ec5f35f9609c2f1d896005e184195d9146/mbpp/mbpp.jsonl`,
    sha256: 'ccf64ceae9c5403bf50a044cb6d505bfd2a2963ee58338ba268fd65beab92a9f',
    format: 'mbpp',
    description: 'MBPP, 974 Python problems (google-research)',
  },
  {
    // google-research serves this file compactly; the copy pinned here is the 4-space-indented
    // one from a verbatim mirror, which is the file that was checked (same records).
    name: 'mbpp-sanitized',
    file: 'sanitized-mbpp.json',
    url: `${RAW}/patdfb/TPC-EES/30c8c572bfcd0fc5fa537210710d7fde134e4868/mbpp/sanitized-mbpp.json`,
    sha256: '7fec016546acaee11dbe14f9f0bb670e59f41919f7b522a59fba34871da78551',
    format: 'mbpp',
    description: 'MBPP sanitized, 427 hand-checked problems',
  },
  {
    name: 'mbpp+',
    file: 'MbppPlus.jsonl.gz',
    url: 'https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus.jsonl.gz',
    sha256: 'af43697e8791c4c149bdfd6b489d8b5412507551ac20e28a439f650b8225db63',
    format: 'evalplus',
    description: 'MBPP+ v0.2.0 (EvalPlus): 378 MBPP problems with 35x more test inputs',
  },
  ...(
    [
      ['humaneval', 'js', '47536b7f7a0221586cdecc16c900ff8e7ba7dd60cc4bab3bddbbc4e866e0cef8', 161],
      ['humaneval', 'ts', 'dac2c1577ad99503d0c2e1d91ffcc386711ade271462934b604f08b01f7ad0fa', 159],
      ['mbpp', 'js', '9bb4dd80a3091fb7b79a76f046c36504b64b3e148c17f63e53a02789238b80b2', 399],
      ['mbpp', 'ts', 'd45ebbcc05d361e86fec4d3a965f9ecdf6f77f684cc05454f82e66a1730ea256', 391],
    ] as const
  ).map(([set, lang, sha256, count]) => ({
    name: `multipl-e-${set}-${lang}`,
    file: `${set}-${lang}-reworded.jsonl`,
    url: `${MULTIPL_E}/${set}-${lang}-reworded.jsonl`,
    sha256,
    format: 'multipl-e' as const,
    description: `MultiPL-E ${set === 'mbpp' ? 'MBPP' : 'HumanEval'} in ${lang === 'js' ? 'JavaScript' : 'TypeScript'}, ${count} problems, no reference solutions`,
  })),
];

/** Names that stand for several sets. */
export const SET_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'multipl-e-js': ['multipl-e-humaneval-js', 'multipl-e-mbpp-js'],
  'multipl-e-ts': ['multipl-e-humaneval-ts', 'multipl-e-mbpp-ts'],
};

export interface SuiteName {
  sets: PublicSet[];
  /** `:base` or `:plus` after an EvalPlus set's name. */
  variant?: 'base' | 'plus';
}

/**
 * The sets a built-in suite name stands for (`humaneval+`, `mbpp+:base`, `multipl-e-js`), or
 * `undefined` when `name` is not built in.
 */
export function resolveSetName(name: string): SuiteName | undefined {
  const match = /^(.*?)(?::(base|plus))?$/.exec(name);
  const bare = match?.[1] ?? name;
  const variant = match?.[2] as 'base' | 'plus' | undefined;
  const names = SET_ALIASES[bare] ?? [bare];
  const sets = names.map((n) => PUBLIC_SETS.find((set) => set.name === n));
  if (sets.some((set) => set === undefined)) return undefined;
  const found = sets as PublicSet[];
  if (variant !== undefined && found.some((set) => set.format !== 'evalplus')) {
    throw new InputError(`--suite ${name}: only EvalPlus sets (humaneval+, mbpp+) have :base and :plus variants`);
  }
  return { sets: found, variant };
}

export function publicSetNames(): string[] {
  return [...PUBLIC_SETS.map((set) => set.name), ...Object.keys(SET_ALIASES)];
}
