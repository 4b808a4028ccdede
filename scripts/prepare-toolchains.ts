/**
 * Builds the toolchain caches the grader would otherwise build on its first sample of each
 * language: Rust crates rand/regex/md5 (about a minute), a warm Go build cache with testify, and
 * the TypeScript checker's V8 snapshot. Prints what each language will do. scripts/setup.sh runs it.
 *
 *   npx tsx scripts/prepare-toolchains.ts
 */
import { Toolchains } from '../harness/sandbox/toolchains.ts';

const toolchains = new Toolchains();
let failed = false;

async function report(language: string, check: () => Promise<{ ok: boolean; detail: string }>): Promise<void> {
  const started = performance.now();
  const { ok, detail } = await check();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${ok ? 'ok     ' : 'MISSING'} ${language.padEnd(10)} ${detail} (${seconds} s)`);
  if (!ok) failed = true;
}

await report('c++', async () => {
  const cpp = await toolchains.cpp();
  if (!cpp.ok) return { ok: false, detail: cpp.reason };
  const extras = [
    cpp.value.openssl ? 'openssl' : 'no openssl (apt-get install libssl-dev)',
    cpp.value.boost ? 'boost' : 'no boost (apt-get install libboost-dev)',
    cpp.value.prelude ? `precompiled prelude ${cpp.value.prelude}` : 'no precompiled prelude (slower)',
  ];
  return { ok: cpp.value.openssl && cpp.value.boost, detail: `${cpp.value.gxx}, ${extras.join(', ')}` };
});
await report('java', async () => {
  const java = await toolchains.java();
  if (!java.ok) return { ok: false, detail: java.reason };
  return { ok: true, detail: `${java.value.javac}, ${java.value.javacArchive ? `class archive ${java.value.javacArchive}` : 'no class archive (slower)'}` };
});
await report('rust', async () => {
  const rust = await toolchains.rust();
  if (!rust.ok) return { ok: false, detail: rust.reason };
  return rust.value.crates.ok ? { ok: true, detail: `${rust.value.rustc}, crates in ${rust.value.crates.value.depsDir}` } : { ok: false, detail: rust.value.crates.reason };
});
await report('go', async () => {
  const go = await toolchains.go();
  if (!go.ok) return { ok: false, detail: go.reason };
  if (!go.value.testify) return { ok: false, detail: 'testify is not installed: apt-get install golang-github-stretchr-testify-dev' };
  return { ok: true, detail: `${go.value.go}, ${go.value.warmCache ? `warm cache ${go.value.warmCache}` : 'no warm cache (each sample builds testify: slower)'}` };
});
await report('typescript', async () => {
  const ts = await toolchains.typescript();
  if (!ts.ok) return { ok: false, detail: ts.reason };
  return { ok: true, detail: ts.value.checker.snapshot ? `checker snapshot ${ts.value.checker.snapshot}` : `no snapshot, plain checker ${ts.value.checker.script} (slower)` };
});
process.exitCode = failed ? 1 : 0;
