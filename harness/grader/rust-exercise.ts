import type { RustToolchain } from '../sandbox/toolchains.ts';
import type { Prepared, RunBudget } from './compiled-programs.ts';
import { rustTestsMain, type RustTestCall } from './files-drivers.ts';

const MAIN_FILE = 'codebench_tests_main.rs';

/**
 * An Exercism Rust exercise built with plain rustc, as `cargo test -- --include-ignored` would
 * run it: `src/lib.rs` becomes the crate named in Cargo.toml, and each integration test file
 * under `tests/` a module of one test program whose `main` calls every `#[test]`, `#[ignore]`d
 * ones too. Crates from a registry cannot be had offline: an exercise that needs them is
 * unscored, an answer that adds them is an error.
 */
export function rustExercise(files: Record<string, string>, stubs: Record<string, string>, testFiles: string[], toolchain: RustToolchain, budget: RunBudget): Prepared {
  const manifest = files['Cargo.toml'] ?? '';
  const crate = (/^\s*name\s*=\s*"([^"]+)"/m.exec(section(manifest, 'package'))?.[1] ?? 'exercise').replace(/-/g, '_');
  const edition = /^\s*edition\s*=\s*"(\d{4})"/m.exec(section(manifest, 'package'))?.[1] ?? '2021';
  if (hasDependencies(stubs['Cargo.toml'] ?? files['Cargo.toml'] ?? '')) return { unscored: 'this Rust exercise depends on crates, which codebench cannot fetch offline' };
  if (hasDependencies(manifest)) return { error: 'Cargo.toml adds dependencies; only the standard library is available' };
  if (!('src/lib.rs' in files)) return { unscored: 'this Rust exercise has no src/lib.rs' };
  const tests = testFiles.filter((f) => f.endsWith('.rs'));
  if (tests.length === 0) return { unscored: 'this Rust exercise has no test files (*.rs)' };

  const rewritten: Record<string, string> = {};
  const calls: RustTestCall[] = [];
  tests.forEach((file, i) => {
    const { source, found } = rewriteTests(files[file] ?? '', `t${i}`);
    rewritten[`codebench_tests/t${i}.rs`] = source;
    calls.push(...found);
  });
  if (calls.length === 0) return { unscored: 'no #[test] functions found in the Rust test files' };
  const common = ['--edition', edition, '-A', 'warnings', '-C', 'debuginfo=0', '-C', 'strip=debuginfo'];
  const memory = Math.max(budget.memoryBytes, 2 * 2 ** 30);
  return {
    files: { ...files, ...rewritten, [MAIN_FILE]: rustTestsMain(tests.map((_, i) => `codebench_tests/t${i}.rs`), calls) },
    plan: {
      build: [
        // Debug builds, as `cargo test` makes them: integer overflow panics.
        { argv: [toolchain.rustc, ...common, '--crate-type', 'lib', '--crate-name', crate, '-o', `{W}/lib${crate}.rlib`, 'src/lib.rs'], addressSpaceBytes: memory },
        { argv: [toolchain.rustc, ...common, '--crate-name', 'codebench_tests', '--extern', `${crate}={W}/lib${crate}.rlib`, '-L', '{W}', '-o', '{W}/prog', MAIN_FILE], addressSpaceBytes: memory },
      ],
      run: { argv: ['{W}/prog'], cpuSeconds: budget.cpuSeconds, addressSpaceBytes: budget.memoryBytes },
    },
  };
}

const TEST_FN = /#\[test\]((?:\s*(?:#\[[^\]]*(?:\][^\]]*)?\]|\/\/[^\n]*))*)\s*(?:pub(?:\([^)]*\))?\s+)?fn\s+(\w+)\s*\(\s*\)\s*(->)?/g;

/**
 * Top-level `#[test]` functions become `pub(crate)` functions our `main` calls; `#[ignore]` is
 * dropped (Exercism ignores all but the first test) and `#[should_panic]` becomes a check.
 * Comments are blanked at the same offsets first, so commented-out tests are not tests.
 */
export function rewriteTests(source: string, module: string): { source: string; found: RustTestCall[] } {
  const code = source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const found: RustTestCall[] = [];
  let out = '';
  let done = 0;
  for (const match of code.matchAll(TEST_FN)) {
    const attributes = source.slice(match.index + '#[test]'.length, match.index + '#[test]'.length + match[1]!.length);
    const name = match[2]!;
    const panic = /#\[should_panic(?:\s*\(\s*expected\s*=\s*"((?:[^"\\]|\\.)*)"\s*\))?\s*\]/.exec(attributes);
    const kept = attributes.replace(/#\[ignore(?:\s*=\s*"(?:[^"\\]|\\.)*")?\s*\]/g, '').replace(/#\[should_panic[^\]]*\]/g, '');
    found.push({ path: `${module}::${name}`, shouldPanic: panic !== null, ...(panic?.[1] !== undefined ? { expected: unescape(panic[1]) } : {}), returnsResult: match[3] !== undefined });
    out += `${source.slice(done, match.index)}${kept}\npub(crate) fn ${name}()${match[3] ? ' ->' : ''}`;
    done = match.index + match[0].length;
  }
  return { source: out + source.slice(done), found };
}

function section(manifest: string, name: string): string {
  const start = new RegExp(`^\\s*\\[${name}\\]\\s*$`, 'm').exec(manifest);
  if (!start) return '';
  const rest = manifest.slice(start.index + start[0].length);
  const next = /^\s*\[/m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

function hasDependencies(manifest: string): boolean {
  return ['dependencies', 'dev-dependencies'].some((name) => section(manifest, name).split('\n').some((line) => /^\s*[\w-]+\s*=/.test(line)));
}

/** A Rust string literal's text; escapes JSON does not share (`\u{..}`) are kept as written. */
function unescape(literal: string): string {
  try {
    return JSON.parse(`"${literal}"`) as string;
  } catch {
    return literal;
  }
}
