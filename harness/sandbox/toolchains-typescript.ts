import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedDir, runOnHost, stamp } from './toolchains-cache.ts';

/**
 * How to type-check inside the sandbox: `node [--snapshot-blob <snapshot>] [<script>] main.ts`.
 * Exit 0 means no errors; otherwise the diagnostics are on stderr in tsc's format.
 */
export interface TypeScriptChecker {
  script: string;
  /** A V8 startup snapshot with TypeScript loaded and Node's types parsed; `undefined` if it could not be built. */
  snapshot: string | undefined;
}

/**
 * V8 refuses a snapshot when its flags differ from the build's, heap size included, so the checker
 * always runs with this heap; the sandbox's memory limit still bounds the process.
 */
const CHECKER_HEAP = '--max-old-space-size=1024';

/** `node` arguments that type-check `file` (relative to the working folder). */
export function checkerArgs(checker: TypeScriptChecker, file: string): string[] {
  return checker.snapshot ? [CHECKER_HEAP, '--snapshot-blob', checker.snapshot, file] : [CHECKER_HEAP, checker.script, file];
}

/**
 * Writes the checker script and builds its snapshot. `tsc --strict` takes 2.3 s a sample here,
 * almost all of it parsing @types/node; from the snapshot the parsed declarations are already in
 * memory and a check takes 0.5 s.
 */
export async function prepareTypeScriptChecker(options: { node: string; typescriptDir: string; typeRoots: string; cacheRoot: string }): Promise<TypeScriptChecker> {
  const versions = [CHECKER_HEAP, options.node, await nodeVersion(options.node), version(options.typescriptDir), version(join(options.typeRoots, 'node')), CHECKER_SOURCE];
  const source = checkerSource(join(options.typescriptDir, 'lib/typescript.js'), options.typeRoots);
  try {
    const dir = await cachedDir(options.cacheRoot, `ts-check-${stamp(...versions)}`, async (tmp) => {
      writeFileSync(join(tmp, 'check-types.cjs'), source);
      const snapshot = await buildSnapshot(options.node, tmp);
      if (snapshot) writeFileSync(join(tmp, 'snapshot.ok'), '');
    });
    const snapshot = readFileSafe(join(dir, 'snapshot.ok')) === undefined ? undefined : join(dir, 'check-types.blob');
    return { script: join(dir, 'check-types.cjs'), snapshot };
  } catch {
    // No cache folder: the plain script, written where the sandbox can still read it, is correct, only slower.
    const dir = join(options.cacheRoot, `ts-check-plain-${stamp(...versions)}`);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, 'check-types.cjs'), source, { mode: 0o644 });
    return { script: join(dir, 'check-types.cjs'), snapshot: undefined };
  }
}

async function buildSnapshot(node: string, dir: string): Promise<boolean> {
  const env = { PATH: '/usr/bin:/bin', HOME: dir };
  const build = await runOnHost(node, [CHECKER_HEAP, '--snapshot-blob', 'check-types.blob', '--build-snapshot', 'check-types.cjs'], { cwd: dir, env, timeoutMs: 5 * 60_000 });
  if (build.code !== 0) return false;
  // A snapshot that loads but checks wrongly would be worse than none: prove it both ways.
  mkdirSync(join(dir, 'probe'));
  writeFileSync(join(dir, 'probe/good.ts'), 'import assert from "node:assert/strict";\nconst n: number = 1;\nassert.equal(n, Buffer.from("x").length);\n');
  writeFileSync(join(dir, 'probe/bad.ts'), 'const s: string = 1;\n');
  const good = await runOnHost(node, [CHECKER_HEAP, '--snapshot-blob', '../check-types.blob', 'good.ts'], { cwd: join(dir, 'probe'), env, timeoutMs: 60_000 });
  const bad = await runOnHost(node, [CHECKER_HEAP, '--snapshot-blob', '../check-types.blob', 'bad.ts'], { cwd: join(dir, 'probe'), env, timeoutMs: 60_000 });
  return good.code === 0 && bad.code === 2 && bad.stderr.includes('bad.ts(1,7): error TS2322');
}

async function nodeVersion(node: string): Promise<string> {
  return (await runOnHost(node, ['--version'], { cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 30_000 })).stdout.trim();
}

function version(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function checkerSource(typescriptJs: string, typeRoots: string): string {
  return CHECKER_SOURCE.replace('__TYPESCRIPT_JS__', JSON.stringify(typescriptJs)).replace('__TYPE_ROOTS__', JSON.stringify(typeRoots));
}

/**
 * The checker, run either directly or as a snapshot builder. The options are MultiPL-E's
 * `--strict` check plus what Node 20 offers: ES2023 library, Node's types, CommonJS output.
 * Reusing declaration files across programs is what the language service does: the checker
 * clones symbols before merging, so one sample's globals cannot leak into the next.
 */
const CHECKER_SOURCE = `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const TYPESCRIPT_JS = __TYPESCRIPT_JS__;
const TYPE_ROOTS = __TYPE_ROOTS__;
const building = Boolean(v8.startupSnapshot && v8.startupSnapshot.isBuildingSnapshot());

function loadTypeScript() {
  if (!building) return require(TYPESCRIPT_JS);
  // A snapshot builder may only require built-in modules.
  const vm = require('node:vm');
  const module = { exports: {} };
  const wrapped = vm.runInThisContext('(function (exports, require, module, __filename, __dirname) {' + fs.readFileSync(TYPESCRIPT_JS, 'utf8') + '\\n})', { filename: TYPESCRIPT_JS });
  wrapped.call(module.exports, module.exports, require, module, TYPESCRIPT_JS, path.dirname(TYPESCRIPT_JS));
  return module.exports;
}

const ts = loadTypeScript();
const options = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [TYPE_ROOTS],
};
const declarations = new Map();
let previous;

function check(file) {
  const root = path.resolve(file);
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) => {
    if (name === root) return read(name, language, onError, create);
    let cached = declarations.get(name);
    if (!cached) {
      cached = read(name, language, onError, create);
      if (cached) declarations.set(name, cached);
    }
    return cached;
  };
  const program = ts.createProgram({ rootNames: [root], options, host, oldProgram: previous });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const format = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\\n' };
  for (const d of diagnostics) process.stderr.write(ts.formatDiagnostic(d, format));
  return { program, code: diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error) ? 2 : 0 };
}

if (building) {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'codebench-ts-warm-'));
  const warm = path.join(dir, 'warm.ts');
  fs.writeFileSync(warm, 'import assert from "node:assert/strict";\\nassert.equal([1].at(0), Buffer.from("x").length);\\n');
  previous = check(warm).program;
  fs.rmSync(dir, { recursive: true, force: true });
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    process.exitCode = check(process.argv[1]).code;
  });
} else {
  process.exitCode = check(process.argv[2]).code;
}
`;
