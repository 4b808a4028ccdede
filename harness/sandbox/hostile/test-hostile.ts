import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Task } from '../../core/task.ts';
import type { GradeResult } from '../../core/verdict.ts';
import { Grader } from '../../grader/grader.ts';
import { PY_TASK } from '../../grader/test-tasks.ts';
import { BwrapSandbox } from '../bwrap-sandbox.ts';
import { leftoverProcesses, sandboxUnavailableReason } from '../test-support.ts';

/**
 * Shared set-up for the hostile-code suite (../../../shared/docs/sandbox.md §3 and §4.9): a real
 * BwrapSandbox behind the real Grader, with a secret in our environment, a listener on 127.0.0.1
 * and canary files, and the checks every attack must pass afterwards.
 */
export const skipReason = sandboxUnavailableReason();

export const SECRET = 'sk-hostile-canary-5f1d9c0a7e';
export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Any file an attack manages to create carries this in its name. */
export const MARKER = 'PWNED-by-codebench-hostile';

/** Same contract as PY_TASK, in JavaScript: the tests call add(a, b). */
export const JS_TASK: Task = {
  id: 'test/js/add',
  suite: 'test',
  kind: 'function',
  language: 'javascript',
  prompt: '/** Return a + b. */\nfunction add(a, b) {\n',
  entryPoint: 'add',
  reference: '  return a + b;\n}\n',
  tests: 'const assert = require("node:assert/strict");\nfunction check(candidate) {\n  assert.equal(candidate(1, 2), 3);\n  assert.equal(candidate(-1, 1), 0);\n}\n',
  tags: [],
  origin: { file: 'test' },
};

export type Lang = 'python' | 'node';

export interface Hostile {
  sandbox: BwrapSandbox;
  /** Grades a whole-function completion of add(a, b), then checks that nothing got out. */
  attack(lang: Lang, code: string): Promise<GradeResult>;
  /** Both languages at once (one slot each), each checked. */
  both(python: string, node: string): Promise<{ py: GradeResult; js: GradeResult }>;
  port: () => number;
  connections: () => number;
  canaryDir: string;
}

/** Registers the suite's hooks; call at the top of a `describe.skipIf(skipReason)` block. */
export function useHostile(): Hostile {
  let sandbox: BwrapSandbox;
  let grader: Grader;
  let server: Server;
  let connections = 0;
  const canaryDir = mkdtempSync(join(tmpdir(), 'codebench-canary-'));
  const canary = join(canaryDir, 'canary.txt');
  let canaryStat = '';
  let etcBefore: string[] = [];
  const outcomes: string[] = [];

  beforeAll(async () => {
    process.env.CODEBENCH_HOSTILE_SECRET = SECRET;
    writeFileSync(canary, `canary ${SECRET}\n`);
    canaryStat = statLine(canary);
    etcBefore = readdirSync('/etc');
    sandbox = await BwrapSandbox.create({ slots: 2 });
    // Small limits keep the suite fast: 2 s of CPU, 5 s of wall clock, 256 MiB. Not 1 s of CPU:
    // on a VM with costly page faults, filling 256 MiB took 0.9 s and hit the CPU limit before the
    // memory limit, so the memory tests measured the wrong limit.
    grader = new Grader(sandbox, { timeoutSeconds: 1.5, memoryBytes: 256 * 2 ** 20 });
    server = createServer((s) => {
      connections++;
      s.end('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });

  afterAll(async () => {
    // One line per attack and language, for the record (the assertions already ran).
    if (outcomes.length > 0) console.info(outcomes.join('\n'));
    delete process.env.CODEBENCH_HOSTILE_SECRET;
    await sandbox?.close();
    server?.close();
    rmSync(canaryDir, { recursive: true, force: true });
  });

  const check = async (result: GradeResult) => {
    expect(`${result.detail}\n${result.output ?? ''}`).not.toContain(SECRET);
    expect(await slotProcesses(sandbox)).toEqual([]);
    expect(readFileSync(canary, 'utf8')).toBe(`canary ${SECRET}\n`);
    expect(statLine(canary)).toBe(canaryStat);
    expect(readdirSync(canaryDir)).toEqual(['canary.txt']);
    expect(readdirSync('/etc').filter((f) => !etcBefore.includes(f) && f.includes('PWNED'))).toEqual([]);
    for (const dir of [PROJECT, dirname(PROJECT), '/', tmpdir(), sandbox.workRoot]) {
      expect(readdirSync(dir).filter((f) => f.includes(MARKER))).toEqual([]);
    }
  };

  const attack = async (lang: Lang, code: string) => {
    const name = expect.getState().currentTestName?.split(' > ').at(-1) ?? '?';
    const result = await grader.grade(lang === 'python' ? PY_TASK : JS_TASK, code.replaceAll('PORT', String(port())));
    outcomes.push(`${lang.padEnd(6)} ${result.verdict.padEnd(7)} ${String(result.wallMs ?? '').padStart(5)} ms  ${name}: ${result.detail.slice(0, 140)}`);
    return result;
  };
  const port = () => (server.address() as { port: number }).port;
  return {
    get sandbox() {
      return sandbox;
    },
    attack: async (lang, code) => {
      const result = await attack(lang, code);
      await check(result);
      return result;
    },
    both: async (python, node) => {
      const [py, js] = await Promise.all([attack('python', python), attack('node', node)]);
      await check(py);
      await check(js);
      return { py, js };
    },
    port,
    connections: () => connections,
    canaryDir,
  };
}

const canaryPids = new Set<number>();

/** Live processes of finished runs, canaries aside; zombies are ignored (PID 1 reaps those). */
export function slotProcesses(sandbox: BwrapSandbox): Promise<string[]> {
  return leftoverProcesses(sandbox, { ignoreZombies: true, ignorePids: canaryPids });
}

/** A process outside the sandbox that an attack must not be able to kill. */
export function spawnCanary(uid?: number): ChildProcess {
  const args = uid === undefined ? ['/bin/sleep', '60'] : ['/usr/bin/setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '/bin/sleep', '60'];
  const child = spawn(args[0]!, args.slice(1), { stdio: 'ignore', detached: true });
  if (child.pid !== undefined) canaryPids.add(child.pid);
  return child;
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && existsSync(`/proc/${child.pid}`) && !/\) Z /.test(readFileSync(`/proc/${child.pid}/stat`, 'utf8'));
}

function statLine(path: string): string {
  const s = statSync(path);
  return `${s.size} ${s.mtimeMs} ${s.mode} ${s.uid}`;
}
