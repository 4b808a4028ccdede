import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCppPrelude } from './toolchains-cpp.ts';
import { prepareGoCache } from './toolchains-go.ts';
import { prepareJavacArchive } from './toolchains-java.ts';
import { prepareRustCrates, type RustCrates } from './toolchains-rust.ts';
import { prepareTypeScriptChecker, type TypeScriptChecker } from './toolchains-typescript.ts';

/** A read-only host directory the sandbox shows at `path`. */
export interface Mount {
  host: string;
  path: string;
}

export type Availability<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface CppToolchain {
  gxx: string;
  /** Headers and `libcrypto` from libssl-dev, for sources that include `<openssl/…>`. */
  openssl: boolean;
  /** Boost headers (libboost-dev), for sources that include `<boost/…>`. */
  boost: boolean;
  /** The prelude header, precompiled next to it, for `-include`; `undefined` to inline it instead. */
  prelude: string | undefined;
}

export interface JavaToolchain {
  javac: string;
  java: string;
  /** A class-data-sharing archive of javac's classes (faster start); `undefined` without one. */
  javacArchive: string | undefined;
}

export interface RustToolchain {
  rustc: string;
  /** rand, regex and md5, prebuilt for this rustc; or why they are unavailable. */
  crates: Availability<RustCrates>;
}

export interface GoToolchain {
  go: string;
  /** GOPATH holding Debian's Go sources (`/usr/share/gocode`), for testify. */
  gopath: string;
  /** Whether github.com/stretchr/testify is in that GOPATH. */
  testify: boolean;
  /** A build cache with testify and the common std packages already compiled; copied per run. */
  warmCache: string | undefined;
}

export interface TypeScriptToolchain {
  node: string;
  checker: TypeScriptChecker;
}

export interface ToolchainOptions {
  /** Where compilers are looked for. Only programs under /usr are visible inside the sandbox. */
  binDirs?: string[];
}

// Debian's golang-go links /usr/bin/go; a golang-1.x package alone installs only /usr/lib/go/bin.
const DEFAULT_BIN_DIRS = ['/usr/bin', '/usr/local/bin', '/usr/lib/go/bin'];
const require = createRequire(import.meta.url);

/**
 * Our own prepared artifacts (prebuilt crates, a warm Go cache, a TypeScript snapshot). Under
 * node_modules so a checkout keeps them, git ignores them, and a sandbox uid can read them
 * (a home folder is often mode 700).
 */
export const TOOLCHAIN_CACHE = fileURLToPath(new URL('../../node_modules/.cache/codebench', import.meta.url));

/**
 * Finds the compilers and libraries each language needs and prepares the caches that make a
 * sample fast. Every missing piece is reported as an install hint, so the grader can make the
 * sample `unscored` rather than failed.
 */
export class Toolchains {
  readonly #binDirs: string[];
  readonly #pending = new Map<string, Promise<unknown>>();

  constructor(options: ToolchainOptions = {}) {
    this.#binDirs = options.binDirs ?? DEFAULT_BIN_DIRS;
  }

  async cpp(): Promise<Availability<CppToolchain>> {
    const gxx = this.#find('g++');
    if (!gxx) return missing('g++ is not installed: apt-get install g++');
    const prelude = await this.#once(`cpp:${gxx}`, () => prepareCppPrelude({ gxx, cacheRoot: TOOLCHAIN_CACHE }));
    return { ok: true, value: { gxx, openssl: existsSync('/usr/include/openssl/md5.h'), boost: existsSync('/usr/include/boost/any.hpp'), prelude } };
  }

  async java(): Promise<Availability<JavaToolchain>> {
    const javac = this.#find('javac');
    const java = this.#find('java');
    if (!javac || !java) return missing('javac is not installed: apt-get install default-jdk-headless');
    const javacArchive = await this.#once(`java:${javac}`, () => prepareJavacArchive({ javac, cacheRoot: TOOLCHAIN_CACHE }));
    return { ok: true, value: { javac, java, javacArchive } };
  }

  async rust(): Promise<Availability<RustToolchain>> {
    const rustc = this.#find('rustc');
    if (!rustc) return missing('rustc is not installed under /usr (a rustup install is not visible in the sandbox): apt-get install rustc cargo');
    const cargo = this.#find('cargo');
    const crates = await this.#once(`rust:${rustc}`, () => prepareRustCrates({ rustc, cargo, cacheRoot: TOOLCHAIN_CACHE }));
    return { ok: true, value: { rustc, crates } };
  }

  async go(): Promise<Availability<GoToolchain>> {
    const go = this.#find('go');
    if (!go) return missing('go is not installed: apt-get install golang-go');
    const gopath = '/usr/share/gocode';
    const testify = existsSync(join(gopath, 'src/github.com/stretchr/testify/assert'));
    const warmCache = await this.#once(`go:${go}`, () => prepareGoCache({ go, gopath, testify, cacheRoot: TOOLCHAIN_CACHE }));
    return { ok: true, value: { go, gopath, testify, warmCache } };
  }

  /** The interpreter for Python programs and for the case runner of every `program` task. */
  async python(): Promise<Availability<string>> {
    const python = this.#find('python3');
    return python ? { ok: true, value: python } : missing('python3 is not installed under /usr: apt-get install python3');
  }

  async node(): Promise<Availability<string>> {
    const node = this.#find('node');
    return node ? { ok: true, value: node } : missing('node is not installed under /usr: apt-get install nodejs');
  }

  async typescript(): Promise<Availability<TypeScriptToolchain>> {
    const node = this.#find('node');
    if (!node) return missing('node is not installed under /usr: apt-get install nodejs');
    const packages = typeScriptPackages();
    if (!packages.ok) return packages;
    try {
      const checker = await this.#once(`ts:${node}`, () => prepareTypeScriptChecker({ node, ...packages.value, cacheRoot: TOOLCHAIN_CACHE }));
      return { ok: true, value: { node, checker } };
    } catch (error) {
      return missing(`cannot write the TypeScript checker under ${TOOLCHAIN_CACHE}: ${(error as Error).message}`);
    }
  }

  #find(name: string): string | undefined {
    for (const dir of this.#binDirs) {
      const path = join(dir, name);
      if (!existsSync(path)) continue;
      const real = realpathSync(path);
      if (real.startsWith('/usr/')) return real;
    }
    return undefined;
  }

  #once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let pending = this.#pending.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = make();
      this.#pending.set(key, pending);
    }
    return pending;
  }
}

function missing(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

export interface TypeScriptPackages {
  /** The `typescript` package folder. */
  typescriptDir: string;
  /** The folder holding `@types/node`, used as the only type root. */
  typeRoots: string;
  /** Folders the type checker reads, to be shown in the sandbox at the same paths. */
  dirs: string[];
}

/** The TypeScript compiler and Node's type declarations from our own node_modules. */
export function typeScriptPackages(): Availability<TypeScriptPackages> {
  const typescriptDir = packageDir('typescript');
  if (!typescriptDir) return missing('the typescript package is not installed: npm ci');
  const typesNode = packageDir('@types/node');
  if (!typesNode) return missing('@types/node is not installed (a dev dependency): npm ci');
  const dirs = [typescriptDir, typesNode];
  // @types/node imports undici-types for fetch and friends.
  const undici = packageDir('undici-types', typesNode);
  if (undici) dirs.push(undici);
  return { ok: true, value: { typescriptDir, typeRoots: dirname(typesNode), dirs } };
}

function packageDir(name: string, from?: string): string | undefined {
  try {
    const resolve = from ? createRequire(join(from, 'package.json')).resolve : require.resolve;
    return dirname(realpathSync(resolve(`${name}/package.json`)));
  } catch {
    return undefined;
  }
}

/**
 * Host folders the compiled-language runs need at the same path inside the sandbox: our caches,
 * the TypeScript packages, and the JDK's configuration, which Debian keeps under /etc.
 */
export function toolchainMounts(): Mount[] {
  const dirs = [TOOLCHAIN_CACHE];
  const ts = typeScriptPackages();
  if (ts.ok) dirs.push(...ts.value.dirs);
  dirs.push(...jdkConfigDirs());
  return dirs.map((dir) => ({ host: dir, path: dir }));
}

function jdkConfigDirs(): string[] {
  const out = new Set<string>();
  for (const bin of ['/usr/bin/java', '/usr/bin/javac']) {
    if (!existsSync(bin)) continue;
    const home = dirname(dirname(realpathSync(bin)));
    const conf = join(home, 'conf');
    if (!existsSync(conf)) continue;
    // Each conf file may be a symlink to /etc/java-N-openjdk/…; bind the folder it lives in.
    for (const file of walk(conf)) {
      const real = realpathSync(file);
      const match = /^\/etc\/[^/]+/.exec(real);
      if (match) out.add(match[0]);
    }
  }
  return [...out];
}

function walk(dir: string, depth = 0): string[] {
  if (depth > 3) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, depth + 1));
    else if (existsSync(path)) out.push(path);
  }
  return out;
}
