import type { Task } from '../core/task.ts';
import type { GradeResult } from '../core/verdict.ts';

/** What a grading host needs to open its sandbox and build its grader. */
export interface GradingInit {
  sandbox: { mode: 'bwrap' | 'none'; slots: number };
  /** `GraderOptions`, as plain data. */
  grader: { timeoutSeconds: number; memoryBytes?: number; buildTimeoutSeconds?: number };
  /** Nice value for the host and everything it starts; grading yields the CPU to model requests. */
  niceness?: number;
  /** Sandboxed processes at SCHED_IDLE where starved runs can be recognised (`BwrapSandboxOptions.idlePriority`). */
  idlePriority?: boolean;
}

/** Parent → host. */
export type ParentMessage =
  | { type: 'init'; init: GradingInit }
  /** Each task is sent once, before its first grade, and then named by `ref`: a task is kilobytes. */
  | { type: 'task'; ref: number; task: Task }
  | { type: 'grade'; id: number; taskRef: number; code: string | undefined; options: Record<string, unknown> }
  | { type: 'abort'; id: number }
  | { type: 'close' };

/** Host → parent. */
export type HostMessage =
  | { type: 'ready'; mode: 'bwrap' | 'none'; slots: number }
  | { type: 'init-failed'; name: string; message: string }
  | { type: 'graded'; id: number; result: GradeResult }
  | { type: 'grade-failed'; id: number; name: string; message: string };
