import { z } from 'zod';
import { checkFunctionFields, checkProgramTask, programCaseSchema } from './check-program-task.ts';

/** The languages our own corpus is written in, with the short form used in task ids. */
export const CORPUS_LANGUAGES = { python: 'py', typescript: 'ts', go: 'go', rust: 'rs', cpp: 'cpp', java: 'java' } as const;

export type CorpusLanguage = keyof typeof CORPUS_LANGUAGES;

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';

/** `cb/<language>/<slug>`, e.g. `cb/py/<slug>`; the slug must equal the file name (checked by the loader). */
export const TASK_ID_PATTERN = new RegExp(`^cb/(${Object.values(CORPUS_LANGUAGES).join('|')})/(${SLUG})$`);

/** Languages whose tests run themselves (a `main`, `#[test]`s or `TestX`), as in HumanEval-X. */
export const SELF_RUNNING_TESTS: ReadonlySet<CorpusLanguage> = new Set(['go', 'rust', 'cpp', 'java']);

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
  'cases',
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

/** How each language declares a function, as a pattern with NAME for its name. */
const DECLARATION: Record<CorpusLanguage, string> = {
  python: '^\\s*def\\s+NAME\\s*\\(',
  typescript: '^\\s*function\\s+NAME\\s*[<(]',
  go: '^\\s*func\\s+NAME\\s*[[(]',
  rust: '^\\s*(?:pub\\s+)?fn\\s+NAME\\s*[<(]',
  cpp: '^[ \\t]*[\\w:<>,&* \\t]*[\\w>&*][ \\t]+[&*]?NAME[ \\t]*\\(',
  java: '^[ \\t]*(?:(?:public|private|protected|static|final)[ \\t]+)*[\\w<>\\[\\],.? \\t]*[\\w>\\]][ \\t]+NAME[ \\t]*\\(',
};

/** Whether `code` declares the function `name` in `language`. */
function declares(language: CorpusLanguage, name: string, code: string): boolean {
  return new RegExp(DECLARATION[language].replace('NAME', escapeRegExp(name)), 'm').test(code);
}

/** What the hidden tests must contain, per language: a `check`, or tests that run themselves. */
const TEST_SHAPE: Record<CorpusLanguage, { pattern: RegExp; want: (entry: string) => string }> = {
  python: { pattern: /^\s*def\s+check\s*\(/m, want: () => 'def check(candidate):' },
  typescript: { pattern: /^\s*function\s+check\s*[<(]/m, want: (e) => `function check(candidate: typeof ${e}): void {` },
  go: { pattern: /^\s*func\s+Test\w*\s*\(\s*t\s+\*testing\.T\s*\)/m, want: () => 'func TestXxx(t *testing.T)' },
  rust: { pattern: /#\[test\]/, want: () => 'at least one #[test] function (inside #[cfg(test)] mod tests)' },
  cpp: { pattern: /^\s*int\s+main\s*\(/m, want: () => 'int main() that asserts and returns 0' },
  java: { pattern: /\bclass\s+Main\b[\s\S]*\bstatic\s+void\s+main\s*\(/, want: () => 'public class Main { public static void main(String[] args) { ... } }' },
};

function lastNonBlankLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim();
}

/** Zod schema for one YAML task file; field names are the snake_case ones written in YAML. */
export const taskFileSchema = z
  .strictObject({
    id: z.string().regex(TASK_ID_PATTERN, `expected cb/<${Object.values(CORPUS_LANGUAGES).join('|')}>/<slug> with a lowercase kebab-case slug`),
    kind: z.enum(['function', 'program']),
    language: z.enum(Object.keys(CORPUS_LANGUAGES) as [CorpusLanguage, ...CorpusLanguage[]]),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    tags: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'tags are lowercase kebab-case words')),
    created: z.string().refine(isIsoDate, { message: 'expected a real date written as YYYY-MM-DD' }),
    entry_point: z.string().regex(IDENTIFIER, 'expected a plain identifier such as parse_duration').optional(),
    prompt: nonBlank('prompt'),
    reference: nonBlank('reference'),
    tests: nonBlank('tests').optional(),
    cases: z.array(programCaseSchema).optional(),
    wrong: z.array(nonBlank('a wrong solution')).optional(),
  })
  .superRefine((task, ctx) => {
    const language = task.language;
    const prefix = CORPUS_LANGUAGES[language];
    if (!task.id.startsWith(`cb/${prefix}/`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `a ${language} task id must start with cb/${prefix}/` });
    }
    if (task.kind === 'program') {
      checkProgramTask(task, ctx);
      if (language === 'typescript' && /^\s*export\s/m.test(task.reference)) {
        ctx.addIssue({ code: 'custom', path: ['reference'], message: 'must not use export; the grader runs one plain script' });
      }
      return;
    }
    if (!checkFunctionFields(task, ctx) || task.entry_point === undefined || task.tests === undefined) return;
    for (const field of ['prompt', 'reference'] as const) {
      if (!declares(language, task.entry_point, task[field])) {
        ctx.addIssue({
          code: 'custom',
          path: ['entry_point'],
          message: `"${task.entry_point}" is not declared in ${field} (expected a ${language} function declaration of that name)`,
        });
      }
    }
    if (SELF_RUNNING_TESTS.has(language) && !lastNonBlankLine(task.prompt).endsWith('{')) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: `a ${language} prompt must end with the line that opens ${task.entry_point}'s body ("... {")` });
    }
    if (language === 'java' && !/^\s*(?:public\s+)?class\s+Solution\b/m.test(task.prompt)) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'a Java prompt must declare class Solution, which holds the method' });
    }
    const lastLine = lastNonBlankLine(task.prompt);
    if (language === 'python' && !(lastLine.endsWith('"""') || lastLine.endsWith("'''"))) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'a Python prompt must end with the closing """ of the docstring' });
    }
    if (language === 'typescript' && !(lastLine.startsWith(`function ${task.entry_point}`) && lastLine.endsWith('{'))) {
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
    const shape = TEST_SHAPE[language];
    if (!shape.pattern.test(task.tests)) {
      ctx.addIssue({ code: 'custom', path: ['tests'], message: `must define ${shape.want(task.entry_point)}` });
    }
  });

/** One task file after validation, still in its YAML (snake_case) shape. */
export type TaskFile = z.infer<typeof taskFileSchema>;
