import { formatFileAnswer } from '../core/file-answer.ts';
import type { Task } from '../core/task.ts';

/** `tasks show` for a multi-file exercise: its instructions, the stubs the model edits, the tests. */
export function showExercise(task: Task, note: string): string {
  const files = task.files!;
  const support = Object.keys(files.support);
  return [
    `${task.id} (${task.language}, ${task.kind}${task.difficulty ? `, ${task.difficulty}` : ''}${task.created ? `, created ${task.created}` : ''})`,
    `from ${task.origin.file}`,
    note,
    '--- instructions ---',
    task.prompt.trimEnd(),
    '',
    `--- files the model edits (${Object.keys(files.solution).length}), as stubs ---`,
    formatFileAnswer(files.solution).trimEnd(),
    '',
    `--- tests (${Object.keys(files.test).length}), never replaced by an answer ---`,
    task.tests.trimEnd(),
    '',
    ...(support.length > 0 ? [`--- other files ---`, support.join('\n'), ''] : []),
    `reference: ${task.reference === undefined ? 'none' : 'the example solution (tasks validate runs it)'}`,
    '',
  ].join('\n');
}
