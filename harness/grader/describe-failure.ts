import type { Language } from '../core/task.ts';
import type { SandboxResult } from '../sandbox/sandbox.ts';

export interface Failure {
  /** True when a test assertion failed (verdict `fail`), false for crashes (`error`). */
  assertion: boolean;
  /** One line for people. */
  reason: string;
}

/** What went wrong in a test run that did not pass, in each language's own words. */
export function describeFailure(result: SandboxResult, language: Language | undefined): Failure {
  switch (language) {
    case 'cpp':
      return cppFailure(result.stderr);
    case 'java':
      return javaFailure(result.stderr);
    case 'rust':
      return rustFailure(result.stderr);
    case 'go':
      return goFailure(`${result.stdout}\n${result.stderr}`);
    default: {
      const reason = lastError(result.stderr);
      return { assertion: /AssertionError|ERR_ASSERTION|Assertion failed/.test(reason), reason };
    }
  }
}

function cppFailure(stderr: string): Failure {
  const lines = nonEmpty(stderr);
  // glibc: "prog: main.cpp:30: int codebench_test_main(): Assertion `x == 1' failed."
  const assertion = lines.find((l) => /Assertion [`'].*['`] failed/.test(l));
  if (assertion) return { assertion: true, reason: clip(assertion.replace(/^(?:\S*\/)?prog: /, '')) };
  const thrown = lines.findIndex((l) => l.startsWith('terminate called'));
  if (thrown >= 0) return { assertion: false, reason: clip(lines.slice(thrown, thrown + 2).map((l) => l.trim()).join(' ')) };
  return { assertion: false, reason: clip(lines.at(-1) ?? '') };
}

function javaFailure(stderr: string): Failure {
  const lines = nonEmpty(stderr);
  const at = lines.findIndex((l) => /^Exception in thread "\w+" /.test(l));
  if (at < 0) return { assertion: /AssertionError/.test(stderr), reason: clip(lines.at(-1) ?? '') };
  const exception = lines[at]!.replace(/^Exception in thread "\w+" /, '');
  const frame = lines.slice(at + 1).find((l) => /^\s*at /.test(l) && !/CodebenchDriver/.test(l));
  return { assertion: /AssertionError/.test(exception), reason: clip(frame ? `${exception} ${frame.trim()}` : exception) };
}

function rustFailure(stderr: string): Failure {
  const lines = nonEmpty(stderr);
  const at = lines.findIndex((l) => /panicked at/.test(l));
  if (at < 0) return { assertion: false, reason: clip(lines.at(-1) ?? '') };
  // 1.63: "panicked at 'assertion failed: `(left == right)`" + left/right lines; newer: location, then message.
  const message = lines.slice(at, at + 4).map((l) => l.trim()).filter((l) => !/^note: /.test(l)).join(' ');
  return { assertion: /assertion/i.test(message), reason: clip(message.replace(/^thread '[^']*' /, '')) };
}

function goFailure(output: string): Failure {
  const lines = nonEmpty(output);
  const panic = lines.find((l) => /^panic: /.test(l));
  if (panic) return { assertion: false, reason: clip(panic) };
  const failed = lines.find((l) => /^\s*--- FAIL: /.test(l));
  if (!failed) return { assertion: false, reason: clip(lines.find((l) => /^fatal error: /.test(l)) ?? lines.at(-1) ?? '') };
  const name = failed.trim().replace(/^--- FAIL: (\S+).*$/, '$1');
  // testify: "Error:  Not equal:" then "expected: …" and "actual  : …"; t.Errorf: "main_test.go:12: message".
  const error = lines.findIndex((l) => /^\s*Error:\s/.test(l));
  if (error >= 0) {
    const message = lines[error]!.trim().replace(/^Error:\s*/, '').replace(/:\s*$/, '');
    const values = lines.slice(error + 1, error + 3).map((l) => l.trim().replace(/^(expected|actual)\s*:\s*/, '$1: ')).filter((l) => /^(expected|actual): /.test(l));
    return { assertion: true, reason: clip(`${name}: ${[message, values.join(', ')].filter(Boolean).join(': ')}`) };
  }
  const logged = lines.find((l) => /^\s+\S+\.go:\d+: /.test(l));
  return { assertion: true, reason: clip(logged ? `${name}: ${logged.trim()}` : `${name} failed`) };
}

/** The first error line of a compiler or type checker, with its location when it is on the next line. */
export function compilerError(stderr: string, language: Language): string {
  const lines = nonEmpty(stderr).filter((l) => !/^codebench: build step exited/.test(l));
  const patterns: Partial<Record<Language, RegExp>> = {
    cpp: /: (?:fatal )?error: |undefined reference to|ld returned/,
    java: /\.java:\d+: error: /,
    rust: /^error(?:\[E\d+\])?: /,
    go: /\.go:\d+:\d+: /,
    typescript: /error TS\d+: /,
  };
  const at = lines.findIndex((l) => (patterns[language] ?? /\berror\b/i).test(l));
  if (at < 0) {
    const status = nonEmpty(stderr).find((l) => /^codebench: build step exited/.test(l));
    return clip(lines.find((l) => /\berror\b/i.test(l)) ?? lines[0] ?? status ?? 'build failed');
  }
  const line = lines[at]!.trim();
  if (language === 'rust') {
    const where = lines[at + 1]?.trim().match(/^--> (.*)$/)?.[1];
    return clip(where ? `${line} (${where})` : line);
  }
  return clip(line.replace(/^\.\//, ''));
}

/** The line that names the failure: Python's last traceback line, or Node's error line. */
export function lastError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  const node = lines.find((l) => /^(\w*Error|AssertionError)(\s*\[\w+\])?:?/.test(l.trim()) && !l.startsWith(' '));
  const last = lines.at(-1) ?? '';
  // Node prints the error line near the top, then the stack and "Node.js vXX".
  const line = /^Node\.js v/.test(last) && node ? node : last;
  return line.trim().slice(0, 500);
}

function nonEmpty(text: string): string[] {
  return text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}

function clip(text: string): string {
  return text.trim().slice(0, 500);
}
