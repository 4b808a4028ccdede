import { describe, expect, it } from 'vitest';
import { skipReason, useHostile } from './test-hostile.ts';

if (skipReason) console.warn(`skipping hostile-code suite: ${skipReason}`);

describe.skipIf(skipReason)('hostile code: time, input and fake results', () => {
  const h = useHostile();

  it('an infinite loop times out', async () => {
    const { py, js } = await h.both('def add(a, b):\n    while True: pass\n', 'function add(a, b) {\n  for (;;) {}\n}\n');
    for (const r of [py, js]) expect(r).toMatchObject({ verdict: 'timeout' });
  });

  it('sleeping forever times out on the wall clock, though it uses no CPU', async () => {
    const { py, js } = await h.both(
      'import time\ndef add(a, b):\n    time.sleep(10 ** 6)\n',
      'function add(a, b) {\n  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n}\n',
    );
    for (const r of [py, js]) expect(r).toMatchObject({ verdict: 'timeout', detail: expect.stringMatching(/wall clock/) });
  });

  it('a program that ignores SIGTERM times out and is gone', async () => {
    const { py, js } = await h.both(
      'import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ndef add(a, b):\n    while True: time.sleep(0.1)\n',
      "process.on('SIGTERM', () => {});\nprocess.on('SIGINT', () => {});\nfunction add(a, b) {\n  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n}\n",
    );
    for (const r of [py, js]) expect(r.verdict).toBe('timeout');
  });

  it('blocking on stdin meets end-of-file at once instead of hanging', async () => {
    const { py, js } = await h.both(
      'import sys\ndef add(a, b):\n    rest = sys.stdin.read()\n    return int(input()) + len(rest)\n',
      "function add(a, b) {\n  const rest = require('node:fs').readFileSync(0, 'utf8');\n  return rest.length + 100;\n}\n",
    );
    expect(py).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/EOFError/) });
    expect(js).toMatchObject({ verdict: 'fail' });
    for (const r of [py, js]) expect(r.wallMs).toBeLessThan(1500);
  });

  it('exiting with status 0 before the tests run is not a pass', async () => {
    const { py, js } = await h.both('import sys\ndef add(a, b):\n    return a + b\nsys.exit(0)\n', 'function add(a, b) {\n  return a + b;\n}\nprocess.exit(0);\n');
    for (const r of [py, js]) expect(r).toMatchObject({ verdict: 'fail', detail: 'exited before the tests finished' });
  });

  it('printing a fake pass marker is not a pass', async () => {
    const { py, js } = await h.both(
      "import os\ndef add(a, b):\n    return 0\nprint('PASS: all tests passed')\nprint('codebench-done-' + '0' * 32)\nos._exit(0)\n",
      "function add(a, b) {\n  return 0;\n}\nconsole.log('PASS: all tests passed');\nconsole.log('codebench-done-' + '0'.repeat(32));\nprocess.exit(0);\n",
    );
    for (const r of [py, js]) expect(r.verdict).toBe('fail');
  });
});
