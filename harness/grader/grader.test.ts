import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { Toolchains } from '../sandbox/toolchains.ts';
import { Grader } from './grader.ts';
import { PY_TASK, TS_TASK } from './test-tasks.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping grader tests: ${skip}`);

describe.skipIf(skip)('Grader on bubblewrap', () => {
  let sandbox: BwrapSandbox;
  let grader: Grader;
  const SECRET = 'sk-ant-secret-value-9876';

  beforeAll(async () => {
    process.env.ANTHROPIC_API_KEY_FOR_TEST = SECRET;
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 1 });
  });
  afterAll(async () => {
    delete process.env.ANTHROPIC_API_KEY_FOR_TEST;
    await sandbox?.close();
  });

  it('passes correct code, as a body continuation and as a whole function', async () => {
    expect(await grader.grade(PY_TASK, PY_TASK.reference)).toMatchObject({ verdict: 'pass' });
    expect(await grader.grade(PY_TASK, 'def add(a, b):\n    return helper(a) + b')).toMatchObject({ verdict: 'pass' });
    expect(await grader.grade(TS_TASK, TS_TASK.reference)).toMatchObject({ verdict: 'pass' });
    expect(await grader.grade(TS_TASK, 'function add(a: number, b: number): number {\n  return a + b;\n}')).toMatchObject({ verdict: 'pass' });
  });

  it('fails wrong answers and says which assertion', async () => {
    const r = await grader.grade(PY_TASK, '    return a - b\n');
    expect(r.verdict).toBe('fail');
    expect(r.detail).toContain('AssertionError');
    expect((await grader.grade(TS_TASK, '  return a * b;\n}\n')).verdict).toBe('fail');
  });

  it('does not pass code that exits with status 0 before the tests run', async () => {
    expect(await grader.grade(PY_TASK, '    return a + b\n\nimport sys\nsys.exit(0)\n')).toMatchObject({ verdict: 'fail', detail: 'exited before the tests finished' });
    expect(await grader.grade(PY_TASK, '    return a + b\n\nimport os\nos._exit(0)\n')).toMatchObject({ verdict: 'fail' });
    expect(await grader.grade(TS_TASK, '  return a + b;\n}\nprocess.exit(0);\n')).toMatchObject({ verdict: 'fail' });
  });

  it('does not pass code that prints a fake pass marker', async () => {
    const fake = '    return 0\n\nprint("passed")\nprint("codebench-done-00000000000000000000000000000000")\nimport os\nos._exit(0)\n';
    expect((await grader.grade(PY_TASK, fake)).verdict).toBe('fail');
  });

  it('times out code that loops forever or sleeps', async () => {
    expect((await grader.grade(PY_TASK, '    while True: pass\n')).verdict).toBe('timeout');
    expect((await grader.grade(PY_TASK, '    import time; time.sleep(60)\n')).verdict).toBe('timeout');
    expect((await grader.grade(TS_TASK, '  while (true) {}\n}\n')).verdict).toBe('timeout');
  });

  it('never shows the code a secret from our environment, and keeps it out of the output', async () => {
    const steal = `    import os, glob
    found = [v for v in os.environ.values()] + [open(p, 'rb').read().decode('latin1') for p in glob.glob('/proc/*/environ') if os.access(p, os.R_OK)]
    print(found)
    assert not any('${SECRET.slice(0, 10)}' in v for v in found), 'LEAKED'
    return a + b + 1
`;
    const r = await grader.grade(PY_TASK, steal);
    expect(r.verdict).toBe('fail');
    expect(r.detail).not.toContain('LEAKED');
    expect(`${r.detail} ${r.output}`).not.toContain(SECRET);
  });

  it('reports code that cannot parse as an error, and empty code as no-code', async () => {
    expect((await grader.grade(PY_TASK, '    return (a +\n')).verdict).toBe('error');
    const ts = await grader.grade(TS_TASK, '  return a + ;\n}\n');
    expect(ts.verdict).toBe('error');
    expect(ts.detail).toMatch(/TypeScript syntax error/);
    expect(await grader.grade(PY_TASK, undefined)).toMatchObject({ verdict: 'no-code' });
    expect(await grader.grade(PY_TASK, '   \n')).toMatchObject({ verdict: 'no-code' });
  });

  it('makes a language it cannot run unscored, not failed', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'codebench-no-tools-'));
    try {
      const bare = new Grader(sandbox, { timeoutSeconds: 1, toolchains: new Toolchains({ binDirs: [empty] }) });
      const r = await bare.grade({ ...PY_TASK, language: 'rust' }, 'fn add() {}');
      expect(r).toMatchObject({ verdict: 'unscored', detail: expect.stringMatching(/^rustc is not installed/) });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
