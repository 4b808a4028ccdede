import { formatFileAnswer } from '../core/file-answer.ts';
import type { Task } from '../core/task.ts';

/**
 * The user message for a multi-file exercise, after Aider's benchmark: the instructions, its
 * addendum naming the files, the stubs as whole files, and the "whole" answer format.
 */
export function filesPrompt(task: Task): string {
  const stubs = task.files?.solution ?? {};
  return [
    task.prompt.trim(),
    '',
    '####',
    '',
    `Use the above instructions to modify the supplied files: ${fileList(task)}`,
    "Don't change the names of existing functions or classes, as they may be referenced from other code like unit tests, etc.",
    "Only use standard libraries, don't suggest installing any packages.",
    '',
    'The files, each as its path followed by its current content:',
    '',
    formatFileAnswer(stubs).trimEnd(),
    '',
    FORMAT,
  ].join('\n');
}

/** Aider's request after failing tests, with the answer format repeated. */
export function filesRepairRequest(task: Task): string {
  return ["The tests are correct, don't try and change them.", `Fix the code in ${fileList(task)} to resolve the errors.`, '', FORMAT].join('\n');
}

const FORMAT = [
  'Answer with the whole new content of every file you change, each in its own fenced code block, with the',
  "file's path alone on the line just before the block:",
  '',
  'path/to/file.ext',
  '```',
  'the whole content of the file',
  '```',
  '',
  'Never skip or abbreviate part of a file. Files you do not return keep their current content.',
].join('\n');

function fileList(task: Task): string {
  return Object.keys(task.files?.solution ?? {}).join(' ');
}
