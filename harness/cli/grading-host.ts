import { setPriority } from 'node:os';
import type { Task } from '../core/task.ts';
import { Grader } from '../grader/grader.ts';
import type { GradingInit, HostMessage, ParentMessage } from '../sandbox/grading-protocol.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { enterIdlePriority } from '../sandbox/enter-idle-priority.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import { openSandbox } from './open-sandbox.ts';

/**
 * The grading process: opens the sandbox, grades what the parent sends, and closes the sandbox
 * (killing whatever still runs) when told to or when the parent goes away, even by kill -9.
 */
let sandbox: Sandbox | undefined;
let grader: Grader | undefined;
let closing: Promise<void> | undefined;
const running = new Map<number, AbortController>();
const tasks = new Map<number, Task>();

const reply = (message: HostMessage) => {
  if (process.connected) process.send!(message);
};

async function init(options: GradingInit): Promise<void> {
  try {
    // Lowered before the sandbox starts anything, so every sandboxed process inherits it; the code
    // under test cannot raise it again without CAP_SYS_NICE.
    if (options.niceness) setPriority(0, options.niceness);
    sandbox = await openSandbox(options.sandbox.mode, options.sandbox.slots, (text) => process.stderr.write(text), { idlePriority: options.idlePriority });
    // Where the sandboxes yield the CPU outright, so does this process. Its own work (transpiling,
    // assembling programs, reading results) at nice 10 still kept model requests waiting: a woken
    // process preempts a nice one only after its time slice, and a SCHED_IDLE one at once.
    if (sandbox instanceof BwrapSandbox && sandbox.isolation.idlePriority) enterIdlePriority(process.pid);
    grader = new Grader(sandbox, options.grader);
    reply({ type: 'ready', mode: sandbox.mode, slots: sandbox.slots });
  } catch (error) {
    reply({ type: 'init-failed', name: (error as Error).name, message: (error as Error).message });
    await shutdown(1);
  }
}

async function grade(message: Extract<ParentMessage, { type: 'grade' }>): Promise<void> {
  const abort = new AbortController();
  running.set(message.id, abort);
  try {
    const task = tasks.get(message.taskRef);
    if (!task) throw new Error(`grade ${message.id}: no task was sent under ref ${message.taskRef}`);
    const result = await grader!.grade(task, message.code, { ...message.options, signal: abort.signal });
    reply({ type: 'graded', id: message.id, result });
  } catch (error) {
    reply({ type: 'grade-failed', id: message.id, name: (error as Error).name, message: (error as Error).message });
  } finally {
    running.delete(message.id);
  }
}

function shutdown(code: number): Promise<void> {
  closing ??= (async () => {
    for (const abort of running.values()) abort.abort();
    await sandbox?.close();
    process.exit(code);
  })();
  return closing;
}

// Ctrl-C reaches the whole process group; the parent decides what stops, and tells us.
process.on('SIGINT', () => {});
process.on('disconnect', () => void shutdown(0));
process.on('message', (message: ParentMessage) => {
  if (message.type === 'init') void init(message.init);
  else if (message.type === 'task') tasks.set(message.ref, message.task);
  else if (message.type === 'grade') void grade(message);
  else if (message.type === 'abort') running.get(message.id)?.abort();
  else if (message.type === 'close') void shutdown(0);
});
