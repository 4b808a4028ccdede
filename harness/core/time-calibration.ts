/** What a calibration is cached under: the same task, toolchain and machine measure alike. */
export interface CalibrationKey {
  /** Hash of everything that decides the reference's test program (see `TimeCalibrator.key`). */
  taskHash: string;
  /** The language's interpreter or compiler identity, and the sandbox mode. */
  toolchain: string;
  /** CPU model, core count and architecture. */
  host: string;
}

/** A task's reference solution, timed in the sandbox. */
export interface ReferenceTiming {
  /** The median of `runsSeconds`. */
  referenceSeconds: number;
  runsSeconds: number[];
  /** `cpu`: the test program's CPU time; `wall`: wall time, where the sandbox had no cgroup to count CPU. */
  method: 'cpu' | 'wall';
  /** ISO 8601 UTC. */
  measuredAt: string;
}

/** The limit one task was graded with in one run, kept with the run so its report can be reproduced. */
export interface TaskTimeLimit {
  taskId: string;
  limitSeconds: number;
  /** The measured reference time the limit came from; `undefined` for a default limit. */
  referenceSeconds?: number;
  /** `calibrated` from the reference; `default`: the run's `timeoutSeconds` (no reference, calibration off, or it failed). */
  source: 'calibrated' | 'default';
}
