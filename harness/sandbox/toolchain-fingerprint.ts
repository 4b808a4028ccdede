import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../core/task.ts';
import { typeScriptPackages } from './toolchains.ts';

const BIN_DIRS = ['/usr/bin', '/usr/local/bin', '/usr/lib/go/bin'];

// What runs the test program; a compiler counts too, since it decides how fast the program is.
const PROGRAMS: Record<Language, string[]> = {
  python: ['python3'],
  javascript: ['node'],
  typescript: ['node'],
  cpp: ['g++'],
  rust: ['rustc'],
  go: ['go'],
  java: ['java', 'javac'],
};

/**
 * Which interpreter or compiler a language's programs run with: each program's real path, size
 * and modification time, so an upgrade (a new file) changes it without running anything.
 */
export function toolchainFingerprint(language: Language): string {
  const parts = PROGRAMS[language].map(identify);
  if (language === 'typescript') {
    const ts = typeScriptPackages();
    parts.push(`typescript@${ts.ok ? version(ts.value.typescriptDir) : 'missing'}`);
  }
  return `${language}: ${parts.join(', ')}`;
}

function identify(name: string): string {
  for (const dir of BIN_DIRS) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const real = realpathSync(path);
    const stat = statSync(real);
    return `${real}@${stat.size}:${Math.round(stat.mtimeMs)}`;
  }
  return `${name}:missing`;
}

function version(dir: string): string {
  try {
    return String((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version);
  } catch {
    return 'unknown';
  }
}
