import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFileAnswer } from '../core/file-answer.ts';
import type { Task } from '../core/task.ts';
import { BwrapSandbox } from '../sandbox/bwrap-sandbox.ts';
import { sandboxUnavailableReason } from '../sandbox/test-support.ts';
import { loadExercises } from '../tasks/load-exercises.ts';
import { Grader } from './grader.ts';

const skip = sandboxUnavailableReason();
if (skip) console.warn(`skipping the files grader tests: ${skip}`);

const FIXTURE = resolve(import.meta.dirname, '../tasks/__fixtures__/polyglot');
const fixture = new Map(loadExercises(FIXTURE, 'polyglot').map((t) => [t.id.split('/').at(-1)!, t]));
const PY = fixture.get('price-per-unit')!;
const GO = fixture.get('trim-suffixes')!;
const RUST = fixture.get('saturating-total')!;

/** A two-file TypeScript exercise with node:test tests, shaped like ours in tasks/exercises. */
const TS: Task = {
  id: 'test/ts/countdown',
  suite: 'test',
  kind: 'files',
  language: 'typescript',
  prompt: 'Count down with a clock.\n',
  entryPoint: '',
  tests: '',
  tags: [],
  origin: { file: 'test' },
  files: {
    solution: {
      'clock.ts': 'export interface Clock {\n  now(): number;\n}\n\nexport function fixedClock(at: number): Clock {\n  throw new Error("not implemented");\n}\n',
      'countdown.ts': 'import type { Clock } from "./clock";\n\nexport function remaining(clock: Clock, deadline: number): number {\n  throw new Error("not implemented");\n}\n',
    },
    test: {
      'countdown.test.ts': [
        'import { test } from "node:test";',
        'import assert from "node:assert/strict";',
        'import { fixedClock } from "./clock";',
        'import { remaining } from "./countdown";',
        '',
        'test("time left", () => {',
        '  assert.equal(remaining(fixedClock(10), 25), 15);',
        '});',
        '',
        'test("never negative", () => {',
        '  assert.equal(remaining(fixedClock(30), 25), 0);',
        '});',
        '',
      ].join('\n'),
    },
    support: {},
  },
};
const TS_CLOCK = 'export interface Clock {\n  now(): number;\n}\n\nexport function fixedClock(at: number): Clock {\n  return { now: () => at };\n}\n';
const tsAnswer = (countdown: string, clock = TS_CLOCK) => formatFileAnswer({ 'clock.ts': clock, 'countdown.ts': `import type { Clock } from "./clock";\n\n${countdown}` });

describe.skipIf(skip)('Grader on files tasks (bubblewrap)', () => {
  let sandbox: BwrapSandbox;
  let grader: Grader;

  beforeAll(async () => {
    sandbox = await BwrapSandbox.create({ slots: 2 });
    grader = new Grader(sandbox, { timeoutSeconds: 5 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('Python: the example passes, the stub and a wrong answer fail, naming the test', async () => {
    expect(await grader.grade(PY, PY.reference)).toMatchObject({ verdict: 'pass' });
    const stub = await grader.grade(PY, formatFileAnswer(PY.files!.solution));
    expect(stub.verdict).toBe('fail');
    const wrong = await grader.grade(PY, formatFileAnswer({ 'price_per_unit.py': 'def price_per_unit(total_cents, quantity):\n    if quantity <= 0:\n        raise ValueError("no")\n    return total_cents // quantity\n' }));
    expect(wrong).toMatchObject({ verdict: 'fail', detail: 'test_rounds_half_up (price_per_unit_test.PricePerUnitTest.test_rounds_half_up): AssertionError: 2 != 3' });
    expect(wrong.output).toContain('FAIL: test_rounds_half_up');
    const crash = await grader.grade(PY, formatFileAnswer({ 'price_per_unit.py': 'def price_per_unit(total_cents, quantity):\n    return total_cents / None\n' }));
    expect(crash.verdict).toBe('error');
    expect(crash.detail).toMatch(/^test_\w+ \(.*\): TypeError: /);
    expect((await grader.grade(PY, formatFileAnswer({ 'price_per_unit.py': 'def price_per_unit(:\n' }))).verdict).toBe('error');
  });

  it('Python: an answer cannot replace the tests, and cannot pass by exiting early', async () => {
    const sneaky = `price_per_unit_test.py\n\`\`\`python\nimport unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        pass\n\`\`\`\n\nprice_per_unit.py\n\`\`\`python\ndef price_per_unit(total_cents, quantity):\n    return 0\n\`\`\`\n`;
    expect((await grader.grade(PY, sneaky)).verdict).toBe('fail');
    const exits = formatFileAnswer({ 'price_per_unit.py': 'import os\nos._exit(0)\n' });
    expect(await grader.grade(PY, exits)).toMatchObject({ verdict: 'fail', detail: 'exited before the tests finished' });
    const exitsInTest = formatFileAnswer({ 'price_per_unit.py': 'import os\n\ndef price_per_unit(total_cents, quantity):\n    os._exit(0)\n' });
    expect((await grader.grade(PY, exitsInTest)).verdict).toBe('fail');
  });

  it('measures the test run alone when asked, for calibrating time limits', async () => {
    const measured = await grader.grade(PY, PY.reference, { measure: true });
    expect(measured.verdict).toBe('pass');
    expect(measured.cpuMs).toEqual(expect.any(Number));
    expect(measured.output ?? '').not.toContain('codebench-run-times');
  });

  it('answers that name no solution file are no-code', async () => {
    expect(await grader.grade(PY, 'helpers.py\n```python\nX = 1\n```\n')).toMatchObject({ verdict: 'no-code' });
  });

  it('TypeScript: passes, fails with the failing test named, type errors are errors, early exit fails', async () => {
    const right = tsAnswer('export function remaining(clock: Clock, deadline: number): number {\n  return Math.max(0, deadline - clock.now());\n}\n');
    expect(await grader.grade(TS, right)).toMatchObject({ verdict: 'pass' });
    const wrong = await grader.grade(TS, tsAnswer('export function remaining(clock: Clock, deadline: number): number {\n  return deadline - clock.now();\n}\n'));
    expect(wrong.verdict).toBe('fail');
    expect(wrong.detail).toMatch(/^never negative: AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal: -5 !== 0/);
    const typed = await grader.grade(TS, tsAnswer('export function remaining(clock: Clock, deadline: string): number {\n  return Number(deadline) - clock.now();\n}\n'));
    expect(typed.verdict).toBe('error');
    expect(typed.detail).toMatch(/error TS2345|error TS2322/);
    const exits = await grader.grade(TS, tsAnswer('export function remaining(clock: Clock, deadline: number): number {\n  process.exit(0);\n}\n'));
    expect(exits.verdict).toBe('fail');
    const onlyOne = await grader.grade(TS, formatFileAnswer({ 'countdown.ts': 'import type { Clock } from "./clock";\nexport function remaining(clock: Clock, deadline: number): number {\n  return Math.max(0, deadline - clock.now());\n}\n' }));
    // clock.ts keeps its stub, which throws.
    expect(onlyOne.verdict).toBe('error');
    expect(onlyOne.detail).toMatch(/not implemented/);
  });

  it('Go: the example passes through go test, a wrong answer fails, the stub panics', async () => {
    expect(await grader.grade(GO, GO.reference)).toMatchObject({ verdict: 'pass' });
    const wrong = await grader.grade(GO, formatFileAnswer({ 'trim_suffixes.go': 'package trimsuffixes\n\nimport "strings"\n\nfunc Trim(name string, suffixes []string) string {\n\tfor _, s := range suffixes {\n\t\tname = strings.TrimSuffix(name, s)\n\t}\n\treturn name\n}\n' }));
    expect(wrong.verdict).toBe('fail');
    expect(wrong.detail).toMatch(/TestTrim/);
    expect((await grader.grade(GO, formatFileAnswer(GO.files!.solution))).verdict).toBe('error');
  });

  it('Rust: the example passes with the ignored tests run too, should_panic is checked', async () => {
    expect(await grader.grade(RUST, RUST.reference)).toMatchObject({ verdict: 'pass' });
    // Passes the first (not ignored) test only.
    const firstOnly = await grader.grade(RUST, formatFileAnswer({ 'src/lib.rs': 'pub fn total(values: &[u8]) -> u8 {\n    values.iter().sum()\n}\n\npub fn checked_total(values: &[u8]) -> u8 {\n    total(values)\n}\n' }));
    expect(firstOnly.verdict).not.toBe('pass');
    const noPanic = await grader.grade(RUST, formatFileAnswer({ 'src/lib.rs': 'pub fn total(values: &[u8]) -> u8 {\n    values.iter().fold(0u8, |s, v| s.saturating_add(*v))\n}\n\npub fn checked_total(values: &[u8]) -> u8 {\n    total(values)\n}\n' }));
    expect(noPanic).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/checked_overflows should panic/) });
    const deps = await grader.grade(RUST, formatFileAnswer({ 'Cargo.toml': '[package]\nname = "saturating_total"\nversion = "1.0.0"\n\n[dependencies]\nnum = "0.4"\n', 'src/lib.rs': 'pub fn total(_: &[u8]) -> u8 { 0 }\npub fn checked_total(_: &[u8]) -> u8 { 0 }\n' }));
    expect(deps).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/adds dependencies/) });
  });

  it('JavaScript (jest) and Java (JUnit) exercises are unscored, with the reason', async () => {
    const js = fixture.get('shout')!;
    expect(await grader.grade(js, js.reference)).toEqual({ verdict: 'unscored', detail: 'JavaScript exercises are tested with jest, which codebench does not ship' });
    const java = fixture.get('greeting')!;
    expect(await grader.grade(java, java.reference)).toMatchObject({ verdict: 'unscored', detail: expect.stringMatching(/JUnit/) });
  });
});
