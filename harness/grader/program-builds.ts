import type { Language } from '../core/task.ts';
import { CPP_FLAGS, cppPreludeSource } from '../sandbox/toolchains-cpp.ts';
import { goEnv } from '../sandbox/toolchains-go.ts';
import { JAVAC_JVM_FLAGS } from '../sandbox/toolchains-java.ts';
import { checkerArgs } from '../sandbox/toolchains-typescript.ts';
import type { Toolchains } from '../sandbox/toolchains.ts';
import { transpileTypeScript } from '../sandbox/transpile-typescript.ts';
import type { Stage } from './build-script.ts';
import type { RunBudget } from './compiled-programs.ts';

/** How to build a whole candidate program and the command that runs it once per case. */
export interface ProgramBuild {
  files: Record<string, string>;
  prepare?: Stage[];
  build: Stage[];
  /** The candidate's command; `{W}` is the run's scratch folder. */
  argv: string[];
  /** RLIMIT_AS for the case runner and so for the program; not for V8 or the JVM. */
  addressSpaceBytes?: number;
}

export type PreparedProgram = ProgramBuild | { unscored: string } | { error: string };

/**
 * The candidate is the whole program, with its own `main`: no tests file, no driver linked in.
 * Compiled languages use the same compilers and flags as function tasks, except Rust, which is
 * built optimised (`-O`) as judges build stdin/stdout solutions.
 */
export async function prepareProgram(language: Language, code: string, toolchains: Toolchains, budget: RunBudget): Promise<PreparedProgram> {
  switch (language) {
    case 'python': {
      const python = await toolchains.python();
      return python.ok ? { files: { 'main.py': code }, build: [], argv: [python.value, 'main.py'], addressSpaceBytes: budget.memoryBytes } : { unscored: python.reason };
    }
    case 'javascript': {
      const node = await toolchains.node();
      // An answer written as an ES module would not load as CommonJS.
      const file = /^\s*(?:import\s[\s\S]*?\sfrom\s|import\s*["']|export\s)/m.test(code) ? 'main.mjs' : 'main.js';
      return node.ok ? { files: { [file]: code }, build: [], argv: [node.value, heapFlag(budget), file] } : { unscored: node.reason };
    }
    case 'typescript': {
      const toolchain = await toolchains.typescript();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      const { js, errors } = transpileTypeScript(code);
      if (errors.length > 0) return { error: `TypeScript syntax error: ${errors[0]}` };
      return {
        files: { 'main.ts': code, 'main.js': js },
        build: [{ argv: [toolchain.value.node, ...checkerArgs(toolchain.value.checker, 'main.ts')] }],
        argv: [toolchain.value.node, heapFlag(budget), 'main.js'],
      };
    }
    case 'cpp': {
      const toolchain = await toolchains.cpp();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      const { gxx, prelude } = toolchain.value;
      const source = prelude ? code : `${cppPreludeSource()}${code}`;
      return {
        files: { 'main.cpp': `${source}\n` },
        build: [{ argv: [gxx, ...CPP_FLAGS, ...(prelude ? ['-include', prelude] : []), '-o', '{W}/prog', 'main.cpp'], env: { LC_ALL: 'C' }, addressSpaceBytes: budget.memoryBytes }],
        argv: ['{W}/prog'],
        addressSpaceBytes: budget.memoryBytes,
      };
    }
    case 'rust': {
      const toolchain = await toolchains.rust();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      return {
        files: { 'main.rs': `${code}\n` },
        build: [{ argv: [toolchain.value.rustc, '--edition', '2021', '-O', '-A', 'warnings', '-o', '{W}/prog', 'main.rs'], addressSpaceBytes: Math.max(budget.memoryBytes, 2 * 2 ** 30) }],
        argv: ['{W}/prog'],
        addressSpaceBytes: budget.memoryBytes,
      };
    }
    case 'go': {
      const toolchain = await toolchains.go();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      const { go, gopath, warmCache } = toolchain.value;
      return {
        files: { 'main.go': `${code}\n` },
        prepare: warmCache ? [{ argv: ['cp', '-R', warmCache, '{W}/gocache'] }] : [],
        build: [{ argv: [go, 'build', '-o', '{W}/prog', 'main.go'], env: goEnv(gopath, '{W}/gocache', '{W}'), addressSpaceBytes: Math.max(budget.memoryBytes, 2 * 2 ** 30) }],
        argv: ['{W}/prog'],
        // The Go runtime reserves address space up front, as for function tasks.
        addressSpaceBytes: Math.max(budget.memoryBytes, 2 ** 30),
      };
    }
    case 'java': {
      const toolchain = await toolchains.java();
      if (!toolchain.ok) return { unscored: toolchain.reason };
      const { javac, java, javacArchive } = toolchain.value;
      const className = javaMainClass(code);
      const heapMb = Math.max(128, Math.floor(budget.memoryBytes / 2 ** 20) - 256);
      const jvm = [...JAVAC_JVM_FLAGS, `-Xmx${Math.min(heapMb, 1024)}m`, ...(javacArchive ? [`-XX:SharedArchiveFile=${javacArchive}`] : [])];
      return {
        files: { [`${className}.java`]: `${code}\n` },
        build: [{ argv: [javac, ...jvm.map((f) => `-J${f}`), '-encoding', 'UTF-8', '-nowarn', '-d', '{W}/classes', `${className}.java`] }],
        argv: [java, `-Xmx${heapMb}m`, '-XX:+UseSerialGC', '-cp', '{W}/classes', className],
      };
    }
  }
}

/** The class that holds `main`: the public class (javac wants the file named after it), else the first with a `main`. */
export function javaMainClass(code: string): string {
  const declared = /^[ \t]*public[ \t]+(?:(?:final|abstract)[ \t]+)*class[ \t]+(\w+)/m.exec(code)?.[1];
  if (declared) return declared;
  return /\bclass\s+(\w+)[^{]*\{[\s\S]*?\bstatic\s+void\s+main\s*\(/.exec(code)?.[1] ?? 'Main';
}

function heapFlag(budget: RunBudget): string {
  return `--max-old-space-size=${Math.max(64, Math.floor(budget.memoryBytes / 2 ** 20) - 64)}`;
}
