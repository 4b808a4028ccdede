import { formatFileAnswer } from '../core/file-answer.ts';
import type { Task } from '../core/task.ts';
import { extractCode, type ExtractedCode } from './extract-code.ts';
import { extractFiles } from './extract-files.ts';

/**
 * The code to grade for any task kind. A `files` task's code is the solution files the answer
 * replaced, in the whole-file format (`formatFileAnswer`), which the grader reads back; the raw
 * completion is kept beside it, as for every kind.
 */
export function extractAnswer(completion: string, task: Pick<Task, 'kind' | 'language' | 'entryPoint' | 'files'>): ExtractedCode {
  if (task.kind !== 'files' || task.files === undefined) return extractCode(completion, { language: task.language, entryPoint: task.entryPoint });
  const extracted = extractFiles(completion, { language: task.language, solutionFiles: Object.keys(task.files.solution) });
  const names = Object.keys(extracted.files);
  if (names.length === 0) return { code: undefined, method: 'none', thinkingRemoved: extracted.thinkingRemoved };
  return { code: formatFileAnswer(extracted.files), method: 'fenced', thinkingRemoved: extracted.thinkingRemoved };
}
