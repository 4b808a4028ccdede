import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The import rules of ../shared/docs/architecture.md ("Folders"): arrows point one way.
const ALLOWED: Record<string, string[]> = {
  core: [],
  stats: [],
  tasks: ['core'],
  prompts: ['core'],
  adapters: ['core'],
  pricing: ['core'],
  extract: ['core'],
  sandbox: ['core'],
  store: ['core'],
  grader: ['core', 'sandbox', 'extract'],
  compare: ['core', 'stats'],
  runner: ['core', 'adapters', 'sandbox', 'grader', 'store', 'extract', 'prompts'],
  report: ['core', 'compare'],
  cli: ['*'],
};
// The runner is handed concrete adapters, sandbox, grader and store; it may only name their types.
const TYPE_ONLY: Record<string, string[]> = { runner: ['adapters', 'sandbox', 'grader', 'store'] };
// Each outside package, and the process-spawning and environment APIs, have one home folder.
const PACKAGE_HOMES: Record<string, string[]> = {
  'better-sqlite3': ['store'],
  openai: ['adapters'],
  '@anthropic-ai/sdk': ['adapters'],
  'node:child_process': ['sandbox'],
  yargs: ['cli'],
  'p-limit': ['runner'],
  typescript: ['sandbox'],
  ajv: ['report'],
};

const root = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__fixtures__' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.startsWith('test-') ? [path] : [];
  });
}

interface ImportEdge {
  file: string;
  from: string;
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(root, file).split('/')[0]!;
  const edges: ImportEdge[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|createRequire\([^)]*\)\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4] ?? m[5]!;
    const typeOnly = Boolean(m[2]);
    if (spec.startsWith('.')) {
      const target = relative(root, resolve(dirname(file), spec)).split('/')[0]!;
      edges.push({ file: relative(root, file), from, target, typeOnly });
    } else {
      edges.push({ file: relative(root, file), from, target: spec, typeOnly });
    }
  }
  return edges;
}

const files = sourceFiles(root).filter((f) => relative(root, f).includes('/'));
const edges = files.flatMap(importsOf);

describe('architecture', () => {
  it('finds the source folders and their imports', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(edges.some((e) => e.from === 'cli' && e.target === 'runner')).toBe(true);
  });

  it('keeps every import between our folders in the allowed direction', () => {
    const bad = edges
      .filter((e) => e.target in ALLOWED && e.target !== e.from)
      .filter((e) => !(ALLOWED[e.from] ?? []).includes('*') && !(ALLOWED[e.from] ?? []).includes(e.target))
      .map((e) => `${e.file} imports ${e.target}/`);
    expect(bad).toEqual([]);
  });

  it('lets the runner name only the types of what it is handed', () => {
    const bad = edges
      .filter((e) => (TYPE_ONLY[e.from] ?? []).includes(e.target) && !e.typeOnly)
      .map((e) => `${e.file} imports a value from ${e.target}/`);
    expect(bad).toEqual([]);
  });

  it('gives each outside package one home folder', () => {
    const bad = edges
      .filter((e) => e.target in PACKAGE_HOMES && !PACKAGE_HOMES[e.target]!.includes(e.from))
      .map((e) => `${e.file} imports ${e.target}`);
    expect(bad).toEqual([]);
  });

  it('reads the environment only in cli/', () => {
    const bad = files
      .filter((f) => !relative(root, f).startsWith('cli/'))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((f) => relative(root, f));
    expect(bad).toEqual([]);
  });

  it('catches a forbidden import when one is written', () => {
    const fake: ImportEdge = { file: 'core/x.ts', from: 'core', target: 'store', typeOnly: false };
    expect((ALLOWED[fake.from] ?? []).includes(fake.target)).toBe(false);
  });
});
