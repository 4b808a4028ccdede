import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedDir, firstErrorLine, runOnHost, stamp } from './toolchains-cache.ts';

/** Standard packages HumanEval-X Go solutions import (CodeGeeX's import helper list). */
export const GO_HELPER_PACKAGES = ['math', 'strings', 'fmt', 'strconv', 'time', 'bytes', 'regexp', 'sort', 'math/rand', 'crypto/md5'];

/**
 * The Go environment, the same on the host (warming the cache) and in the sandbox, so the cache's
 * action keys match. GOPATH mode finds Debian's testify under /usr/share/gocode with no module
 * proxy; cgo is off so nothing depends on a C compiler being installed.
 */
export function goEnv(gopath: string, cache: string, home: string): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    GOPATH: gopath,
    GO111MODULE: 'off',
    GOFLAGS: '',
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOTELEMETRY: 'off',
    CGO_ENABLED: '0',
    GOCACHE: cache,
  };
}

/**
 * Compiles testify and the helper packages once into a build cache. A sandboxed run copies it to
 * its /tmp and reuses it: 0.8 s per sample instead of 2.6 s. `undefined` when the warm-up fails;
 * samples then build cold, which is slower but correct.
 */
export async function prepareGoCache(options: { go: string; gopath: string; testify: boolean; cacheRoot: string }): Promise<string | undefined> {
  const version = await runOnHost(options.go, ['version'], { cwd: '/', env: { PATH: '/usr/bin:/bin' }, timeoutMs: 30_000 });
  if (version.code !== 0) return undefined;
  try {
    const dir = await cachedDir(options.cacheRoot, `go-cache-${stamp(version.stdout, String(options.testify))}`, (tmp) => warm(tmp, options));
    return join(dir, 'gocache');
  } catch {
    return undefined;
  }
}

async function warm(dir: string, options: { go: string; gopath: string; testify: boolean }): Promise<void> {
  const imports = [...GO_HELPER_PACKAGES, 'testing', 'os', 'bufio', ...(options.testify ? ['github.com/stretchr/testify/assert'] : [])];
  const uses = imports.map((path) => `var _ = ${packageUse(path)}`).join('\n');
  writeFileSync(join(dir, 'warm_test.go'), `package main\n\nimport (\n${imports.map((p) => `\t"${p}"`).join('\n')}\n)\n\n${uses}\n\nfunc TestWarm(t *testing.T) {}\n`);
  const env = goEnv(options.gopath, join(dir, 'gocache'), dir);
  const run = await runOnHost(options.go, ['test', '-vet=off', '-c', '-o', join(dir, 'warm.test'), 'warm_test.go'], { cwd: dir, env, timeoutMs: 10 * 60_000 });
  if (run.code !== 0) throw new Error(firstErrorLine(run.stderr));
  rmSync(join(dir, 'warm.test'), { force: true });
}

/** An expression that uses an imported package, so the warm-up file compiles. */
function packageUse(path: string): string {
  const uses: Record<string, string> = {
    math: 'math.Pi', strings: 'strings.ToUpper', fmt: 'fmt.Sprint', strconv: 'strconv.Itoa', time: 'time.Now',
    bytes: 'bytes.Equal', regexp: 'regexp.MustCompile', sort: 'sort.Ints', 'math/rand': 'rand.Intn', 'crypto/md5': 'md5.Sum',
    testing: 'testing.Short', os: 'os.Exit', bufio: 'bufio.NewReader', 'github.com/stretchr/testify/assert': 'assert.Equal',
  };
  return uses[path] ?? 'nil';
}
