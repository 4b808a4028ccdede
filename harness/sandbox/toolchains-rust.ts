import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Availability } from './toolchains.ts';
import { cachedDir, firstErrorLine, runOnHost, stamp } from './toolchains-cache.ts';

/** Prebuilt crates a program links with `--extern name=path -L dependency=depsDir`. */
export interface RustCrates {
  externs: Record<string, string>;
  depsDir: string;
}

/** What HumanEval-X's Rust declarations `use`: Debian packages them, the registry is offline. */
export const RUST_CRATES = ['rand', 'regex', 'md5'] as const;
const REGISTRY = '/usr/share/cargo/registry';
export const RUST_CRATES_HINT = "apt-get install librust-rand-dev librust-regex-dev 'librust-regex+default-dev' librust-md5-dev";

/**
 * Builds rand, regex and md5 once from Debian's local crate registry (cargo `--offline` with a
 * `[source]` replacement) and keeps the rlibs. A sample then compiles with plain `rustc --extern`:
 * about a second, where a cargo build of regex per sample would take a minute.
 */
export async function prepareRustCrates(options: { rustc: string; cargo: string | undefined; cacheRoot: string }): Promise<Availability<RustCrates>> {
  const { rustc, cargo } = options;
  if (!cargo) return { ok: false, reason: `cargo is not installed (needed once, to build ${RUST_CRATES.join(', ')}): apt-get install cargo` };
  if (!existsSync(REGISTRY)) return { ok: false, reason: `Rust crates ${RUST_CRATES.join(', ')} are not installed: ${RUST_CRATES_HINT}` };
  const registry = readdirSync(REGISTRY).sort();
  const absent = RUST_CRATES.filter((name) => !registry.some((entry) => entry.startsWith(`${name}-`)));
  if (absent.length > 0) return { ok: false, reason: `Rust crates ${absent.join(', ')} are not installed: ${RUST_CRATES_HINT}` };

  const version = await runOnHost(rustc, ['-vV'], { cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 30_000 });
  try {
    const dir = await cachedDir(options.cacheRoot, `rust-crates-${stamp(version.stdout, ...registry)}`, (tmp) => build(tmp, rustc, cargo));
    const manifest = JSON.parse(readFileSync(join(dir, 'externs.json'), 'utf8')) as Record<string, string>;
    const externs = Object.fromEntries(Object.entries(manifest).map(([name, file]) => [name, join(dir, file)]));
    return { ok: true, value: { externs, depsDir: join(dir, 'target/release/deps') } };
  } catch (error) {
    return { ok: false, reason: `could not build the Rust crates ${RUST_CRATES.join(', ')}: ${(error as Error).message}` };
  }
}

async function build(dir: string, rustc: string, cargo: string): Promise<void> {
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, '.cargo'));
  writeFileSync(
    join(dir, 'Cargo.toml'),
    `[package]\nname = "codebench-crates"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nrand = "0.8"\nregex = "1"\nmd5 = "0.7"\n`,
  );
  writeFileSync(join(dir, 'src/lib.rs'), 'pub use md5;\npub use rand;\npub use regex;\n');
  writeFileSync(join(dir, '.cargo/config.toml'), `[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "${REGISTRY}"\n`);
  const env = { PATH: '/usr/bin:/bin', HOME: dir, CARGO_HOME: join(dir, '.cargo'), RUSTC: rustc, CARGO_TARGET_DIR: join(dir, 'target') };
  const run = await runOnHost(cargo, ['build', '--offline', '--release', '--message-format=json'], { cwd: dir, env, timeoutMs: 20 * 60_000 });
  if (run.code !== 0) throw new Error(`${firstErrorLine(run.stderr)} (${RUST_CRATES_HINT})`);
  const externs: Record<string, string> = {};
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as { reason?: string; target?: { name?: string }; filenames?: string[] };
    const name = message.target?.name;
    if (message.reason !== 'compiler-artifact' || !name || !(RUST_CRATES as readonly string[]).includes(name)) continue;
    const rlib = message.filenames?.find((f) => f.endsWith('.rlib'));
    if (rlib) externs[name] = relative(dir, rlib);
  }
  const lacking = RUST_CRATES.filter((name) => !externs[name]);
  if (lacking.length > 0) throw new Error(`cargo built no rlib for ${lacking.join(', ')}`);
  writeFileSync(join(dir, 'externs.json'), `${JSON.stringify(externs, null, 2)}\n`);
}
