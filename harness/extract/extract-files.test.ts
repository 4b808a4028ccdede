import { describe, expect, it } from 'vitest';
import { formatFileAnswer } from '../core/file-answer.ts';
import type { Task } from '../core/task.ts';
import { extractAnswer } from './extract-answer.ts';
import { extractFiles, resolvePath } from './extract-files.ts';

const PY = { language: 'python' as const, solutionFiles: ['ledger.py', 'money.py'] };
const fence = '```';

describe('extractFiles', () => {
  it('reads each path line and the fenced block under it', () => {
    const answer = `Here are the files.\n\nledger.py\n${fence}python\nclass Ledger:\n    pass\n${fence}\n\nmoney.py\n${fence}python\ndef cents(x):\n    return x\n${fence}\n`;
    const out = extractFiles(answer, PY);
    expect(out.files).toEqual({ 'ledger.py': 'class Ledger:\n    pass\n', 'money.py': 'def cents(x):\n    return x\n' });
    expect(out.ignored).toEqual([]);
  });

  it('accepts the decorations models put around a path, and a path in the fence info string', () => {
    for (const header of ['`ledger.py`', '**ledger.py**', '### ledger.py', 'File: ledger.py', '- `ledger.py`:', './ledger.py', 'Here is the updated `ledger.py`:', 'And the final version of ledger.py:']) {
      expect(extractFiles(`${header}\n${fence}python\nX = 1\n${fence}\n`, PY).files, header).toEqual({ 'ledger.py': 'X = 1\n' });
    }
    expect(extractFiles(`${fence}python ledger.py\nX = 2\n${fence}\n`, PY).files).toEqual({ 'ledger.py': 'X = 2\n' });
    expect(extractFiles(`${fence}python title="money.py"\nX = 3\n${fence}\n`, PY).files).toEqual({ 'money.py': 'X = 3\n' });
    expect(extractFiles(`${fence}python\n# money.py\nX = 4\n${fence}\n`, PY).files).toEqual({ 'money.py': '# money.py\nX = 4\n' });
  });

  it('ignores files that are not solution files, such as the tests, and never writes them', () => {
    const answer = `ledger_test.py\n${fence}python\nimport unittest\n${fence}\n\nhelpers.py\n${fence}python\nY = 1\n${fence}\n\nledger.py\n${fence}python\nZ = 1\n${fence}\n`;
    const out = extractFiles(answer, PY);
    expect(out.files).toEqual({ 'ledger.py': 'Z = 1\n' });
    expect(out.ignored).toEqual(['ledger_test.py', 'helpers.py']);
  });

  it('leaves a file the answer does not name out, so it keeps its stub', () => {
    const out = extractFiles(`money.py\n${fence}python\nM = 1\n${fence}\n`, PY);
    expect(Object.keys(out.files)).toEqual(['money.py']);
  });

  it('maps nested paths, with a leading folder or without one, only when that is unambiguous', () => {
    const rust = { language: 'rust' as const, solutionFiles: ['src/lib.rs'] };
    expect(extractFiles(`src/lib.rs\n${fence}rust\npub fn a() {}\n${fence}\n`, rust).files).toEqual({ 'src/lib.rs': 'pub fn a() {}\n' });
    expect(extractFiles(`lib.rs\n${fence}rust\npub fn b() {}\n${fence}\n`, rust).files).toEqual({ 'src/lib.rs': 'pub fn b() {}\n' });
    expect(extractFiles(`exercises/practice/clock/src/lib.rs\n${fence}rust\npub fn c() {}\n${fence}\n`, rust).files).toEqual({ 'src/lib.rs': 'pub fn c() {}\n' });
    const two = ['a/util.ts', 'b/util.ts'];
    expect(resolvePath('util.ts', two)).toEqual({ kind: 'other', path: 'util.ts' });
    expect(resolvePath('b/util.ts', two)).toEqual({ kind: 'solution', path: 'b/util.ts' });
  });

  it('rejects paths that leave the exercise folder, even when they end in a solution file name', () => {
    for (const path of ['../../etc/passwd', '/etc/passwd', '../ledger.py', 'x/../../ledger.py', 'C:\\Windows\\win.ini']) {
      expect(resolvePath(path, PY.solutionFiles), path).toEqual({ kind: 'rejected' });
    }
    const out = extractFiles(`../../etc/passwd\n${fence}\nroot::0:0::/:/bin/sh\n${fence}\n\n../ledger.py\n${fence}python\nX = 1\n${fence}\n`, PY);
    expect(out.files).toEqual({});
    expect(out.rejected).toEqual(['../../etc/passwd', '../ledger.py']);
  });

  it('takes the last block for a file named twice', () => {
    const out = extractFiles(`ledger.py\n${fence}python\nFIRST = 1\n${fence}\nOops, fixed:\n\nledger.py\n${fence}python\nSECOND = 2\n${fence}\n`, PY);
    expect(out.files).toEqual({ 'ledger.py': 'SECOND = 2\n' });
  });

  it('gives one unnamed block to a single solution file, but guesses nothing when there are several', () => {
    const single = { language: 'python' as const, solutionFiles: ['clock.py'] };
    expect(extractFiles(`Sure:\n\n${fence}python\nT = 0\n${fence}\n`, single).files).toEqual({ 'clock.py': 'T = 0\n' });
    expect(extractFiles(`Run it with:\n\n${fence}bash\npython3 clock.py\n${fence}\n`, single).files).toEqual({});
    expect(extractFiles(`Here it is, e.g. in Node.js:\n${fence}python\nT = 1\n${fence}\n`, single).files).toEqual({ 'clock.py': 'T = 1\n' });
    expect(extractFiles(`${fence}python\nT = 0\n${fence}\n`, PY).files).toEqual({});
  });

  it('drops reasoning and keeps nothing from an answer cut off while reasoning', () => {
    const out = extractFiles(`<think>\nledger.py\n${fence}python\nBAD = 1\n${fence}\n</think>\nledger.py\n${fence}python\nGOOD = 1\n${fence}\n`, PY);
    expect(out).toMatchObject({ files: { 'ledger.py': 'GOOD = 1\n' }, thinkingRemoved: true });
    expect(extractFiles(`<think>\nledger.py\n${fence}python\nBAD = 1\n${fence}\n`, PY).files).toEqual({});
  });

  it('reads back exactly the files formatFileAnswer wrote, fences inside the content included', () => {
    const files = {
      'ledger.py': 'DOC = """\n```python\nx = 1\n```\n"""\n\n\ndef f():\n    return "````"\n',
      'money.py': '    indented_first_line = 1\n',
    };
    expect(extractFiles(formatFileAnswer(files), PY).files).toEqual(files);
  });
});

describe('extractAnswer', () => {
  const task: Pick<Task, 'kind' | 'language' | 'entryPoint' | 'files'> = {
    kind: 'files',
    language: 'python',
    entryPoint: '',
    files: { solution: { 'ledger.py': 'stub\n', 'money.py': 'stub\n' }, test: { 'ledger_test.py': 'tests\n' }, support: {} },
  };

  it('gives a files task its solution files in the whole-file format, and no code when none is named', () => {
    const r = extractAnswer(`ledger_test.py\n${fence}python\nhacked\n${fence}\nledger.py\n${fence}python\nL = 1\n${fence}\n`, task);
    expect(r).toEqual({ code: formatFileAnswer({ 'ledger.py': 'L = 1\n' }), method: 'fenced', thinkingRemoved: false });
    expect(extractAnswer('I cannot do that.', task)).toMatchObject({ code: undefined, method: 'none' });
  });

  it('leaves function tasks to extractCode', () => {
    expect(extractAnswer(`${fence}python\ndef f():\n    return 1\n${fence}`, { kind: 'function', language: 'python', entryPoint: 'f' }).code).toBe('def f():\n    return 1');
  });
});
