import { z } from 'zod';

/** The languages our own corpus is written in, with the short form used in task ids. */
export const CORPUS_LANGUAGES = { python: 'py', typescript: 'ts' } as const;

export type CorpusLanguage = keyof typeof CORPUS_LANGUAGES;

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';

/** `cb/py/<slug>` or `cb/ts/<slug>`; the slug must equal the file name (checked by the loader). */
export const TASK_ID_PATTERN = new RegExp(`^cb/(py|ts)/(${SLUG})$`);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every field a task file may have, in the order the README documents them. */
export const TASK_FILE_FIELDS = [
  'id',
  'kind',
  'language',
  'difficulty',
  'tags',
  'created',
  'entry_point',
  'prompt',
  'reference',
  'tests',
  'wrong',
] as const;

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (daysInMonth[month - 1] ?? 0);
}

const nonBlank = (what: string) => z.string().refine((s) => s.trim() !== '', { message: `${what} must not be empty` });

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How each language declares the entry point and the `check` function the grader calls. */
function declares(language: CorpusLanguage, name: string, code: string): boolean {
  const n = escapeRegExp(name);
  const pattern = language === 'python' ? `^\\s*def\\s+${n}\\s*\\(` : `^\\s*function\\s+${n}\\s*[<(]`;
  return new RegExp(pattern, 'm').test(code);
}

function lastNonBlankLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim();
}

/** Zod schema for one YAML task file; field names are the snake_case ones written in YAML. */
export const taskFileSchema = z
  .strictObject({
    id: z.string().regex(TASK_ID_PATTERN, 'expected cb/py/<slug> or cb/ts/<slug> with a lowercase kebab-case slug'),
    kind: z.enum(['function']),
    language: z.enum(['python', 'typescript']),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    tags: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'tags are lowercase kebab-case words')),
    created: z.string().refine(isIsoDate, { message: 'expected a real date written as YYYY-MM-DD' }),
    entry_point: z.string().regex(IDENTIFIER, 'expected a plain identifier such as parse_duration'),
    prompt: nonBlank('prompt'),
    reference: nonBlank('reference'),
    tests: nonBlank('tests'),
    wrong: z.array(nonBlank('a wrong solution')).optional(),
  })
  .superRefine((task, ctx) => {
    const language = task.language;
    const prefix = CORPUS_LANGUAGES[language];
    if (!task.id.startsWith(`cb/${prefix}/`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `a ${language} task id must start with cb/${prefix}/` });
    }
    const decl = language === 'python' ? `def ${task.entry_point}(` : `function ${task.entry_point}(`;
    for (const field of ['prompt', 'reference'] as const) {
      if (!declares(language, task.entry_point, task[field])) {
        ctx.addIssue({
          code: 'custom',
          path: ['entry_point'],
          message: `"${task.entry_point}" is not declared in ${field} (expected a line starting with "${decl}")`,
        });
      }
    }
    const last = lastNonBlankLine(task.prompt);
    if (language === 'python' && !(last.endsWith('"""') || last.endsWith("'''"))) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'a Python prompt must end with the closing """ of the docstring' });
    }
    if (language === 'typescript' && !(last.startsWith(`function ${task.entry_point}`) && last.endsWith('{'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: `a TypeScript prompt must end with the line "function ${task.entry_point}(...): T {"`,
      });
    }
    if (language === 'typescript') {
      for (const field of ['prompt', 'reference'] as const) {
        if (/^\s*export\s/m.test(task[field])) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'must not use export; the grader runs one plain script' });
        }
      }
    }
    if (!declares(language, 'check', task.tests)) {
      const want = language === 'python' ? 'def check(candidate):' : `function check(candidate: typeof ${task.entry_point}): void {`;
      ctx.addIssue({ code: 'custom', path: ['tests'], message: `must define ${want}` });
    }
  });

/** One task file after validation, still in its YAML (snake_case) shape. */
export type TaskFile = z.infer<typeof taskFileSchema>;
