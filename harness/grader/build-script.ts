/** One command of a build-and-run script. `{W}` in a word or value is the run's scratch folder. */
export interface Stage {
  argv: string[];
  env?: Record<string, string>;
  /** RLIMIT_AS for this command; leave it out for the JVM and V8, which reserve far more than they use. */
  addressSpaceBytes?: number;
}

export interface ScriptPlan {
  /** Shell-free preparation, e.g. copying a warm cache: each a command that must succeed. */
  prepare?: Stage[];
  /** Compile steps. A failure ends the run with the build-failed marker, before any test runs. */
  build: Stage[];
  /** The test program. It reads the nonce from stdin; its exit status becomes the run's. */
  run: Stage & { cpuSeconds: number };
  /**
   * For calibrating time limits: run the test program this many times after one build, printing
   * each run's own CPU time to stderr behind `RUN_TIMES_MARKER` (`readRunTimes` takes them back
   * off). Runs before the last get a dummy first line instead of the nonce, and their output is
   * dropped; the last run is the graded one.
   */
  timeRun?: boolean | number;
}

/** Precedes the shell's `times` output on stderr when a plan has `timeRun`. */
export const RUN_TIMES_MARKER = 'codebench-run-times';

/** Exit status of a run whose build failed; the last stdout line is then the build-failed marker. */
export const BUILD_FAILED_EXIT = 97;

const BUILD_LOG_BYTES = 64 * 1024;

export function buildFailedMarker(token: string): string {
  return `codebench-build-failed-${token}`;
}

/**
 * A POSIX sh script that builds and then runs the tests, for one sandbox run. The request's
 * limits bound the whole script (so they are sized for the build); the test program gets its own
 * CPU limit through prlimit.
 *
 * stdin holds a build token and then the nonce. The shell reads the token before anything else
 * runs and prints it only when a build step fails, so the grader can tell a compile error from a
 * failing test and no program can fake either: the test program starts after the token line is
 * consumed, and it is the only thing that ever sees the nonce.
 */
export function buildScript(plan: ScriptPlan): string {
  const lines = [
    'read -r codebench_token || exit 96',
    'codebench_failed() {',
    "  echo \"codebench: build step exited with status $1\" >&2",
    "  printf '\\n%s\\n' \"codebench-build-failed-$codebench_token\"",
    `  exit ${BUILD_FAILED_EXIT}`,
    '}',
    'W=$(mktemp -d "${TMPDIR:-/tmp}/codebench.XXXXXX") || exit 96',
    "trap 'rm -rf \"$W\"' EXIT",
  ];
  // Nothing before the test program reads stdin: a source that includes /dev/stdin must not get
  // the nonce at compile time.
  for (const stage of plan.prepare ?? []) lines.push(`${command(stage)} </dev/null || exit 96`);
  // Compilers talk on stdout too, and a template error can fill the output cap: their output goes
  // to a file and its head to stderr, so only the test program writes stdout.
  for (const stage of plan.build) {
    lines.push(`${command(stage)} </dev/null >"$W/build.log" 2>&1`, 'codebench_build=$?', `head -c ${BUILD_LOG_BYTES} "$W/build.log" >&2`);
    lines.push('[ "$codebench_build" -eq 0 ] || codebench_failed "$codebench_build"');
  }
  lines.push('unset codebench_token');
  const { cpuSeconds } = plan.run;
  const run = command(plan.run, [`--cpu=${cpuSeconds}:${cpuSeconds + 1}`]);
  // In a subshell the children's times start from zero, so `times` there counts the test alone.
  const timed = (what: string) => `(${what}; codebench_status=$?; printf '\\n%s\\n' '${RUN_TIMES_MARKER}' >&2; times >&2; exit $codebench_status)`;
  for (let i = 1; i < Number(plan.timeRun ?? 0); i++) lines.push(`${timed(`printf 'codebench-warm-up\\n' | ${run} >/dev/null 2>&1`)} || exit $?`);
  lines.push(plan.timeRun ? timed(run) : run);
  lines.push('codebench_status=$?', 'exit $codebench_status');
  return `${lines.join('\n')}\n`;
}

function command(stage: Stage, limits: string[] = []): string {
  const prlimit = [...limits];
  if (stage.addressSpaceBytes !== undefined) prlimit.push(`--as=${stage.addressSpaceBytes}`);
  const env = Object.entries(stage.env ?? {}).map(([key, value]) => `${key}=${word(value)}`);
  const words = [...(env.length > 0 ? ['env', ...env] : []), ...(prlimit.length > 0 ? ['prlimit', ...prlimit, '--'] : []), ...stage.argv.map(word)];
  return words.join(' ');
}

/** Single-quotes a word, with `{W}` turned into the scratch folder variable. */
export function word(text: string): string {
  return text
    .split('{W}')
    .map((part) => (part === '' ? '' : `'${part.replaceAll("'", "'\\''")}'`))
    .join('"$W"') || "''";
}
