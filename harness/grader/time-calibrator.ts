import { stableHash } from '../core/stable-hash.ts';
import type { Language, Task } from '../core/task.ts';
import type { CalibrationKey, ReferenceTiming } from '../core/time-calibration.ts';
import type { GradeResult } from '../core/verdict.ts';
import { toolchainFingerprint } from '../sandbox/toolchain-fingerprint.ts';
import type { GradeOptions } from './grader.ts';

/** Where timings are kept between runs; the results store is one. */
export interface CalibrationCache {
  getCalibration(key: CalibrationKey): ReferenceTiming | undefined;
  putCalibration(key: CalibrationKey, taskId: string, timing: ReferenceTiming): void;
}

export interface MeasuringGrader {
  grade(task: Task, code: string | undefined, options?: GradeOptions): Promise<GradeResult>;
}

export interface TimeCalibratorOptions {
  grader: MeasuringGrader;
  cache: CalibrationCache;
  /** The machine, e.g. `hostFingerprint()`. */
  host: string;
  /** A language's toolchain identity (default `toolchainFingerprint`); add the sandbox mode to it. */
  toolchain?: (language: Language) => string;
  /** Timed runs of each reference; their median is the reference time (default 3). */
  runs?: number;
}

export interface Calibration extends ReferenceTiming {
  taskId: string;
  /** Taken from the cache, not measured now. */
  cached: boolean;
}

/** `result` is the first timed run's grade, so a caller can also check that the reference passes. */
export type CalibrationOutcome =
  | { ok: true; calibration: Calibration; result?: GradeResult }
  | { ok: false; reason: string; result?: GradeResult };

// Part of every key: raise it when the way references are timed changes, so old timings go unused.
// 2: program tasks are never timed by the wall clock of all their cases together.
const METHOD_VERSION = 2;

/**
 * Times each task's reference solution in the sandbox (`runs` times, the median; CPU time of the
 * test program, the build left out and done once) and caches the result under (task, toolchain, host), so the
 * same machine measures once and a different one measures again.
 */
export class TimeCalibrator {
  readonly #grader: MeasuringGrader;
  readonly #cache: CalibrationCache;
  readonly #host: string;
  readonly #toolchain: (language: Language) => string;
  readonly #toolchains = new Map<Language, string>();
  readonly runs: number;

  constructor(options: TimeCalibratorOptions) {
    const runs = options.runs ?? 3;
    if (!Number.isInteger(runs) || runs < 1) throw new TypeError(`Expected \`runs\` to be an integer from 1 up, got ${runs}`);
    if (typeof options.host !== 'string' || options.host === '') throw new TypeError(`Expected \`host\` to be a non-empty string, got ${JSON.stringify(options.host)}`);
    this.#grader = options.grader;
    this.#cache = options.cache;
    this.#host = options.host;
    this.#toolchain = options.toolchain ?? toolchainFingerprint;
    this.runs = runs;
  }

  key(task: Task): CalibrationKey {
    let toolchain = this.#toolchains.get(task.language);
    if (toolchain === undefined) {
      toolchain = this.#toolchain(task.language);
      this.#toolchains.set(task.language, toolchain);
    }
    const { kind, language, prompt, entryPoint, reference, tests, testCall, cases, atol } = task;
    const taskHash = stableHash({ v: METHOD_VERSION, kind, language, prompt, entryPoint, reference, tests, testCall, cases, atol });
    return { taskHash, toolchain, host: this.#host };
  }

  /** The cached calibration, without running anything. */
  cached(task: Task): Calibration | undefined {
    const timing = this.#cache.getCalibration(this.key(task));
    return timing && { taskId: task.id, ...timing, cached: true };
  }

  /** The cached calibration, or a new measurement when there is none. */
  async calibrate(task: Task, options: { signal?: AbortSignal } = {}): Promise<CalibrationOutcome> {
    const calibration = this.cached(task);
    return calibration ? { ok: true, calibration } : this.measure(task, options);
  }

  /** Measures now and caches the timing; a reference that does not pass every run gives no timing. */
  async measure(task: Task, options: { signal?: AbortSignal } = {}): Promise<CalibrationOutcome> {
    if (task.reference === undefined) return { ok: false, reason: 'no reference solution' };
    const seconds: number[] = [];
    let method: ReferenceTiming['method'] = 'cpu';
    let first: GradeResult | undefined;
    // A built program is timed `runs` times after one build; an interpreted one once per grade.
    while (seconds.length < this.runs) {
      const result = await this.#grader.grade(task, task.reference, { signal: options.signal, measure: this.runs - seconds.length });
      first ??= result;
      if (result.verdict !== 'pass') return { ok: false, reason: `the reference did not pass: ${result.verdict}: ${result.detail}`, result: first };
      const runsMs = result.runCpuMs ?? (result.cpuMs === undefined ? [] : [result.cpuMs]);
      if (runsMs.length > 0) seconds.push(...runsMs.map((ms) => ms / 1000));
      // Without a cgroup only wall time is known. Not for a compiled language (it would count the
      // build), nor for a program task, whose limit is per case and whose run holds every case.
      else if (result.wallMs !== undefined && task.kind === 'function' && (task.language === 'python' || task.language === 'javascript')) {
        seconds.push(result.wallMs / 1000);
        method = 'wall';
      } else return { ok: false, reason: 'the sandbox reported no time for the reference', result: first };
    }
    seconds.splice(this.runs);
    const timing: ReferenceTiming = { referenceSeconds: median(seconds), runsSeconds: seconds, method, measuredAt: new Date().toISOString() };
    this.#cache.putCalibration(this.key(task), task.id, timing);
    return { ok: true, calibration: { taskId: task.id, ...timing, cached: false }, result: first };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
