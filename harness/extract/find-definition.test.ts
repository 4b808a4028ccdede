import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { definesFunction, promptImports } from './find-definition.ts';

describe('definesFunction: python', () => {
  it('finds a top-level def, async def and a decorated def', () => {
    expect(definesFunction('def f(x):\n    return x\n', 'f', 'python')).toBe(true);
    expect(definesFunction('import asyncio\n\nasync def fetch(url):\n    pass\n', 'fetch', 'python')).toBe(true);
    expect(definesFunction('@cache\ndef fib(n):\n    return n\n', 'fib', 'python')).toBe(true);
    expect(definesFunction('def  spaced  (x):\n    pass', 'spaced', 'python')).toBe(true);
  });

  it('does not match a name that merely starts with the entry point', () => {
    expect(definesFunction('def factorial(n):\n    return 1\n', 'f', 'python')).toBe(false);
    expect(definesFunction('def tribonacci(n):\n    return []\n', 'tri', 'python')).toBe(false);
    expect(definesFunction('def tri_helper(n):\n    return []\n', 'tri', 'python')).toBe(false);
  });

  it('treats a HumanEval body-only continuation as not a definition', () => {
    const body = '    result = []\n    for i in range(n):\n        result.append(i)\n    return result\n';
    expect(definesFunction(body, 'all_prefixes', 'python')).toBe(false);
  });

  it('ignores nested defs, calls and mentions', () => {
    expect(definesFunction('class A:\n    def f(self):\n        pass\n', 'f', 'python')).toBe(false);
    expect(definesFunction('def g():\n    def f():\n        pass\n', 'f', 'python')).toBe(false);
    expect(definesFunction('print(f(3))\n# def f(x) is below\n', 'f', 'python')).toBe(false);
  });

  it('escapes regex characters in the name and accepts CRLF', () => {
    expect(definesFunction('def a_b(x):\r\n    pass\r\n', 'a_b', 'python')).toBe(true);
    expect(definesFunction('def ab(x):\n    pass', 'a.b', 'python')).toBe(false);
    expect(definesFunction('def anything(x): pass', '.*', 'python')).toBe(false);
    expect(definesFunction('def f(x): pass', '', 'python')).toBe(false);
  });
});

describe('definesFunction: typescript and javascript', () => {
  it('finds function declarations in their forms', () => {
    expect(definesFunction('function add(a: number, b: number): number {\n  return a + b;\n}', 'add', 'typescript')).toBe(true);
    expect(definesFunction('export function add(a, b) {}', 'add', 'javascript')).toBe(true);
    expect(definesFunction('export default async function add(a, b) {}', 'add', 'javascript')).toBe(true);
    expect(definesFunction('function* gen() { yield 1; }', 'gen', 'javascript')).toBe(true);
    expect(definesFunction('function first<T>(xs: T[]): T { return xs[0]!; }', 'first', 'typescript')).toBe(true);
  });

  it('finds functions bound to const, let or var, typed or not', () => {
    expect(definesFunction('const hasCloseElements = (numbers, threshold) => {', 'hasCloseElements', 'javascript')).toBe(true);
    expect(definesFunction('export const f: (x: number) => number = (x) => x;', 'f', 'typescript')).toBe(true);
    expect(definesFunction('let g = function (x) { return x; };', 'g', 'javascript')).toBe(true);
  });

  it('rejects prefixes, calls, body-only continuations and overload signatures', () => {
    expect(definesFunction('function factorial(n) { return 1; }', 'f', 'javascript')).toBe(false);
    expect(definesFunction('const fx = 1;', 'f', 'javascript')).toBe(false);
    expect(definesFunction('  return numbers.length > 0;\n}\n', 'f', 'typescript')).toBe(false);
    expect(definesFunction('console.log(add(1, 2));', 'add', 'javascript')).toBe(false);
    expect(definesFunction('function add(a: number, b: number): number;', 'add', 'typescript')).toBe(false);
    expect(definesFunction('  function add(a, b) {}', 'add', 'javascript')).toBe(false);
  });
});

describe('definesFunction: rust, go, java, c++', () => {
  it('rust: fn with optional pub and generics, not a prefix', () => {
    expect(definesFunction('fn has_close_elements(numbers:Vec<f32>, threshold: f32) -> bool{', 'has_close_elements', 'rust')).toBe(true);
    expect(definesFunction('pub fn id<T>(x: T) -> T { x }', 'id', 'rust')).toBe(true);
    expect(definesFunction('impl A {\n    pub(crate) async fn run(&self) {}\n}', 'run', 'rust')).toBe(true);
    expect(definesFunction('fn identity(x: i32) -> i32 { x }', 'id', 'rust')).toBe(false);
    expect(definesFunction('    let y = id(3);', 'id', 'rust')).toBe(false);
  });

  it('go: top-level func only', () => {
    expect(definesFunction('func HasCloseElements(numbers []float64, threshold float64) bool {', 'HasCloseElements', 'go')).toBe(true);
    expect(definesFunction('func Map[T any](xs []T) []T { return xs }', 'Map', 'go')).toBe(true);
    expect(definesFunction('func (s *S) Len() int { return 0 }', 'Len', 'go')).toBe(false);
    expect(definesFunction('func Lengthy() {}', 'Len', 'go')).toBe(false);
  });

  it('java: a method with modifiers and a return type, inside a class', () => {
    const java = 'class Solution {\n    public boolean hasCloseElements(List<Double> numbers, double threshold) {\n        return false;\n    }\n}';
    expect(definesFunction(java, 'hasCloseElements', 'java')).toBe(true);
    expect(definesFunction('    public static List<Integer> f(int n) {', 'f', 'java')).toBe(true);
    expect(definesFunction('    abstract int f(int n);', 'f', 'java')).toBe(false);
    expect(definesFunction('        return f(n - 1) + 1;', 'f', 'java')).toBe(false);
    expect(definesFunction('        int x = f(3);', 'f', 'java')).toBe(false);
    expect(definesFunction('    public int fib(int n) {', 'f', 'java')).toBe(false);
  });

  it('c++: definitions yes, prototypes and calls no', () => {
    expect(definesFunction('bool has_close_elements(vector<float> numbers, float threshold){', 'has_close_elements', 'cpp')).toBe(true);
    expect(definesFunction('vector<int> f(int n) {', 'f', 'cpp')).toBe(true);
    expect(definesFunction('const std::string& name_of(int* p)', 'name_of', 'cpp')).toBe(true);
    expect(definesFunction('int *f(int n) { return nullptr; }', 'f', 'cpp')).toBe(true);
    expect(definesFunction('int f(int n);  // prototype', 'f', 'cpp')).toBe(false);
    expect(definesFunction('    return f(n) * 2;', 'f', 'cpp')).toBe(false);
    expect(definesFunction('    if (f(n)) {', 'f', 'cpp')).toBe(false);
  });
});

describe('promptImports', () => {
  it('python: keeps top-level import and from-import lines, including parenthesised ones', () => {
    const prompt = [
      'from typing import List, Tuple',
      'import math',
      'from collections import (',
      '    Counter,',
      '    defaultdict,  # used below',
      ')',
      'from os import path, \\',
      '    sep',
      '',
      '',
      'def f(xs: List[int]) -> int:',
      '    """ Sum them.',
      '    import nothing_here',
      '    """',
      '    import inner',
      '',
    ].join('\n');
    expect(promptImports(prompt, 'python')).toBe(
      [
        'from typing import List, Tuple',
        'import math',
        'from collections import (',
        '    Counter,',
        '    defaultdict,  # used below',
        ')',
        'from os import path, \\',
        '    sep',
      ].join('\n'),
    );
  });

  it('python: ignores prose inside a module docstring and returns "" without imports', () => {
    const prompt = '"""\nfrom here import nothing\n"""\nimport re\n\ndef f():\n';
    expect(promptImports(prompt, 'python')).toBe('import re');
    expect(promptImports('def return1():\n', 'python')).toBe('');
  });

  it('typescript: import statements, multi-line ones and require lines', () => {
    const prompt = [
      "import assert from 'node:assert';",
      'import {',
      '  readFileSync,',
      '  writeFileSync,',
      "} from 'node:fs';",
      "import type { Foo } from './foo.ts'",
      "import './side-effect.js';",
      "const path = require('node:path');",
      "const { sep } = require(\"node:path\")",
      'const meta = import.meta.url;',
      "  const lazy = require('lazy');",
      'function f(): void {}',
    ].join('\n');
    expect(promptImports(prompt, 'typescript')).toBe(
      [
        "import assert from 'node:assert';",
        'import {',
        '  readFileSync,',
        '  writeFileSync,',
        "} from 'node:fs';",
        "import type { Foo } from './foo.ts'",
        "import './side-effect.js';",
        "const path = require('node:path');",
        "const { sep } = require(\"node:path\")",
      ].join('\n'),
    );
  });

  it('other languages: includes, java imports, go import blocks, rust use', () => {
    expect(promptImports('#include<stdio.h>\n#include <vector>\nusing namespace std;\nint f(){', 'cpp')).toBe(
      '#include<stdio.h>\n#include <vector>\nusing namespace std;',
    );
    expect(promptImports('import java.util.*;\nimport java.lang.*;\n\nclass Solution {', 'java')).toBe('import java.util.*;\nimport java.lang.*;');
    expect(promptImports('import (\n    "math"\n)\nimport "strings"\n\nfunc F() {', 'go')).toBe('import (\n    "math"\n)\nimport "strings"');
    expect(promptImports('use std::{\n    cmp::max,\n};\nuse md5;\nfn f() {', 'rust')).toBe('use std::{\n    cmp::max,\n};\nuse md5;');
  });
});

const humanEvalPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets/humaneval/HumanEval.jsonl.gz');
const haveHumanEval = existsSync(humanEvalPath);
if (!haveHumanEval) console.warn(`find-definition.test: skipping the HumanEval checks, ${humanEvalPath} is absent`);

describe('on the real HumanEval prompts', () => {
  it.skipIf(!haveHumanEval)('every prompt defines its entry point, no canonical body does, and imports come from the prompt', () => {
    const records = gunzipSync(readFileSync(humanEvalPath))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(records).toHaveLength(164);
    for (const record of records) {
      const { prompt = '', canonical_solution: body = '', entry_point: entry = '' } = record;
      expect(definesFunction(prompt, entry, 'python'), record.task_id).toBe(true);
      expect(definesFunction(body, entry, 'python'), record.task_id).toBe(false);
      for (const line of promptImports(prompt, 'python').split('\n').filter(Boolean)) {
        expect(prompt.split('\n')).toContain(line);
        expect(line).toMatch(/^(?:import|from) /);
      }
    }
    const first = records[0]?.prompt ?? '';
    expect(promptImports(first, 'python')).toBe('from typing import List');
  });
});
