import { describe, expect, it } from 'vitest';
import { extractCode } from './extract-code.ts';

const py = { language: 'python' as const };

describe('extractCode: reasoning', () => {
  it('drops <think> spans, ignoring code written while thinking', () => {
    const completion = [
      '<think>',
      'Maybe:',
      '```python',
      'def add(a, b):',
      '    return a - b',
      '```',
      'No, that subtracts.',
      '</think>',
      '',
      '```python',
      'def add(a, b):',
      '    return a + b',
      '```',
    ].join('\n');
    expect(extractCode(completion, { ...py, entryPoint: 'add' })).toEqual({
      code: 'def add(a, b):\n    return a + b',
      method: 'fenced',
      thinkingRemoved: true,
    });
  });

  it('handles <thinking>, mixed case and several spans', () => {
    const completion = '<THINKING>plan</Thinking>\nimport math\n<think>\nmore\n</think>\ndef f():\n    return math.pi\n';
    expect(extractCode(completion, py)).toEqual({ code: 'import math\n\ndef f():\n    return math.pi', method: 'raw', thinkingRemoved: true });
  });

  it('an unclosed <think> means the output was cut off while reasoning: no code', () => {
    const completion = '<think>\nLet me write it.\n```python\ndef f():\n    return 1\n```\nHmm';
    expect(extractCode(completion, py)).toEqual({ code: undefined, method: 'none', thinkingRemoved: true });
  });

  it('a lone </think> drops everything before it', () => {
    const completion = 'The user wants f. def f(): wrong\n</think>\n\n```py\ndef f():\n    return 2\n```';
    expect(extractCode(completion, py)).toEqual({ code: 'def f():\n    return 2', method: 'fenced', thinkingRemoved: true });
  });

  it('leaves think tags alone inside string literals in the code', () => {
    const code = 'import re\n\ndef strip(s):\n    s = s.replace("<think>", "")\n    return re.sub(r"</think>", "", s)';
    expect(extractCode(code, py)).toEqual({ code, method: 'raw', thinkingRemoved: false });
    const mid = 'def tags():\n    return ["x <think> y"]';
    expect(extractCode(mid, py).code).toBe(mid);
  });

  it('a completion that is only reasoning has no code', () => {
    expect(extractCode('<think>\nhmm\n</think>\n\n  \n', py)).toEqual({ code: undefined, method: 'none', thinkingRemoved: true });
  });
});

describe('extractCode: fences', () => {
  it('takes the python block out of a chat answer with prose', () => {
    const completion = [
      'Here is a solution that checks every pair:',
      '',
      '```python',
      'from typing import List',
      '',
      'def has_close_elements(numbers: List[float], threshold: float) -> bool:',
      '    return any(abs(a - b) < threshold for i, a in enumerate(numbers) for b in numbers[i + 1:])',
      '```',
      '',
      'This runs in O(n^2) time.',
    ].join('\r\n');
    const result = extractCode(completion, { ...py, entryPoint: 'has_close_elements' });
    expect(result.method).toBe('fenced');
    expect(result.code).toMatch(/^from typing import List\n\ndef has_close_elements\(/);
    expect(result.code).not.toContain('\r');
    expect(result.code).not.toContain('O(n^2)');
  });

  it('prefers the block that defines the entry point, even when it is not the longest', () => {
    const completion = [
      'First, a helper with a long explanation:',
      '```python',
      'def helper(x):',
      '    # a very long comment that makes this block the longest one of all the blocks here',
      '    return x * 2',
      '```',
      'Then the function:',
      '```python',
      'def double_all(xs):',
      '    return [helper(x) for x in xs]',
      '```',
    ].join('\n');
    expect(extractCode(completion, { ...py, entryPoint: 'double_all' }).code).toBe('def double_all(xs):\n    return [helper(x) for x in xs]');
    // Without an entry point, the longest wins.
    expect(extractCode(completion, py).code).toMatch(/^def helper/);
  });

  it('skips blocks tagged with another language; untagged blocks are candidates', () => {
    const completion = '```bash\npip install numpy numpy numpy numpy\n```\n```\ndef f():\n    return 1\n```\n```output\n1\n```';
    expect(extractCode(completion, py)).toEqual({ code: 'def f():\n    return 1', method: 'fenced', thinkingRemoved: false });
  });

  it('prefers a language-tagged block over an untagged one of any length', () => {
    const completion = '```\n>>> f()\n1\n>>> f() + f()\n2\n```\n```python3\ndef f():\n    return 1\n```';
    expect(extractCode(completion, py).code).toBe('def f():\n    return 1');
  });

  it('recognises each language tag', () => {
    const cases = [
      ['typescript', 'ts'],
      ['typescript', 'tsx'],
      ['javascript', 'node'],
      ['javascript', 'js'],
      ['cpp', 'c++'],
      ['cpp', 'cc'],
      ['rust', 'rs'],
      ['go', 'golang'],
      ['java', 'Java'],
      ['python', 'py'],
      ['python', '{.python}'],
      ['python', 'python title="solution.py"'],
    ] as const;
    for (const [language, tag] of cases) {
      const completion = `\`\`\`json\n{"decoy": true, "padding": "xxxxxxxxxxxxxxxxxxxx"}\n\`\`\`\n\`\`\`${tag}\ncode for ${language}\n\`\`\``;
      expect(extractCode(completion, { language }).code, tag).toBe(`code for ${language}`);
    }
    expect(extractCode('```javascript\nconst x = 1;\n```', { language: 'python' })).toEqual({ code: undefined, method: 'none', thinkingRemoved: false });
  });

  it('supports ~~~ fences and longer fences that contain ``` lines', () => {
    expect(extractCode('~~~python\ndef f():\n    return "~"\n~~~', py).code).toBe('def f():\n    return "~"');
    const nested = '````python\ndef doc():\n    return """\n```\nnot a fence\n```\n"""\n````';
    expect(extractCode(nested, py).code).toBe('def doc():\n    return """\n```\nnot a fence\n```\n"""');
  });

  it('an unclosed last fence runs to the end (truncated output)', () => {
    const completion = 'Sure.\n```python\ndef f(n):\n    total = 0\n    for i in range(n):\n';
    expect(extractCode(completion, py)).toEqual({ code: 'def f(n):\n    total = 0\n    for i in range(n):', method: 'fenced', thinkingRemoved: false });
  });

  it('handles fences indented inside list items', () => {
    const completion = '1. Write the function:\n\n   ```python\n   def f(x):\n       return x + 1\n   ```\n\n2. Done.';
    expect(extractCode(completion, py).code).toBe('def f(x):\n    return x + 1');
  });

  it('keeps the indentation of a fenced body-only continuation', () => {
    const completion = '```python\n    return [string[:i + 1] for i in range(len(string))]\n```';
    expect(extractCode(completion, { ...py, entryPoint: 'all_prefixes' }).code).toBe('    return [string[:i + 1] for i in range(len(string))]');
  });

  it('accepts a closing fence glued to the last code line', () => {
    expect(extractCode('```python\ndef f():\n    return 1```\nDone.', py).code).toBe('def f():\n    return 1');
  });

  it('ignores inline triple backticks that are not fences', () => {
    const completion = 'def f():\n    return 1  # see ```python x``` style';
    expect(extractCode(completion, py)).toEqual({ code: completion, method: 'raw', thinkingRemoved: false });
  });
});

describe('extractCode: raw text', () => {
  it('returns unfenced code as raw, keeping the indentation of a HumanEval continuation', () => {
    const body = '\n\n    return [x for x in strings if substring in x]\n\n';
    expect(extractCode(body, { ...py, entryPoint: 'filter_by_substring' })).toEqual({
      code: '    return [x for x in strings if substring in x]',
      method: 'raw',
      thinkingRemoved: false,
    });
    expect(extractCode('\treturn 1', py).code).toBe('\treturn 1');
  });

  it('drops one leading prose line ending in ":"', () => {
    expect(extractCode('Here is the code:\ndef f():\n    return 1', py)).toEqual({ code: 'def f():\n    return 1', method: 'raw', thinkingRemoved: false });
    expect(extractCode('\nSure, here it is:\n\n    return 1', py).code).toBe('    return 1');
  });

  it('never drops a code line that ends in ":"', () => {
    for (const code of ['def f():\n    return 1', 'class A:\n    pass', 'if True:\n    x = 1', 'Loop:\n\tfor {}', '    else:\n        return 2', 'Foo:\n    pass']) {
      expect(extractCode(code, py).code, code).toBe(code);
    }
  });

  it('returns none for empty or blank completions', () => {
    for (const completion of ['', '   ', '\n\r\n\t\n', '\uFEFF']) {
      expect(extractCode(completion, py)).toEqual({ code: undefined, method: 'none', thinkingRemoved: false });
    }
    expect(extractCode('```python\n\n```', py).method).toBe('none');
  });
});

describe('extractCode: hostile input never throws', () => {
  const hostile = [
    '`'.repeat(1_000_000),
    '```\n'.repeat(100_000),
    '```python\n'.repeat(50_000),
    '~~~~~~\n```\n~~~\n```python\n',
    'a\u0000b\n```python\n\u0000\u0000def f(): pass\n```',
    '<think>'.repeat(100_000),
    '\n<think>'.repeat(100_000),
    '</think>'.repeat(100_000),
    `${' '.repeat(1_000_000)}x`,
    `A b:${'\n'.repeat(100_000)}`,
    'x'.repeat(5_000_000),
    '\uD800\uDFFF\uD800',
    'İ<THİNK>İ</think>',
  ];

  it('returns a well-formed result quickly for each', () => {
    for (const completion of hostile) {
      const started = performance.now();
      const result = extractCode(completion, { ...py, entryPoint: 'f' });
      expect(performance.now() - started, JSON.stringify(completion.slice(0, 20))).toBeLessThan(2_000);
      expect(['fenced', 'raw', 'none']).toContain(result.method);
      expect(result.method === 'none').toBe(result.code === undefined);
      if (result.code !== undefined) expect(result.code.trim()).not.toBe('');
    }
  });

  it('gives the expected answer for some of them', () => {
    expect(extractCode('`'.repeat(1_000_000), py).method).toBe('none');
    expect(extractCode('```\n'.repeat(100_000), py).method).toBe('none');
    expect(extractCode('a\u0000b\n```python\n\u0000\u0000def f(): pass\n```', py).code).toBe('\u0000\u0000def f(): pass');
    expect(extractCode('\n<think>'.repeat(100_000), py)).toEqual({ code: undefined, method: 'none', thinkingRemoved: true });
    expect(extractCode('x'.repeat(5_000_000), py).code).toHaveLength(5_000_000);
    expect(extractCode(42 as unknown as string, py).code).toBe('42');
  });
});
