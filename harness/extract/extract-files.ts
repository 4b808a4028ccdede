import { posix } from 'node:path';
import type { Language } from '../core/task.ts';
import { findFencedBlocks, LANGUAGE_TAGS, removeThinking, type FencedBlock } from './extract-code.ts';

export interface ExtractedFiles {
  /** Solution path → its new whole content (ending in a newline). Files not named keep their stubs. */
  files: Record<string, string>;
  /** Paths the answer wrote that are not solution files (tests, new files): never written. */
  ignored: string[];
  /** Paths that leave the exercise folder (`../x`, `/etc/passwd`): never written. */
  rejected: string[];
  thinkingRemoved: boolean;
}

export interface ExtractFilesOptions {
  language: Language;
  /** The paths the model may replace, relative to the exercise folder. */
  solutionFiles: readonly string[];
}

/**
 * Reads an answer in Aider's "whole" format: each file as its path followed by a fenced block.
 * The path may stand on the line above the fence (as `path`, `` `path` ``, `**path**`, `# path`,
 * `File: path` or a sentence ending in it and a colon), in the fence's info string
 * (```` ```python account.py ````), or as a comment on the block's first line. A later block for
 * the same file wins. With a single solution file, one unnamed code block is taken as that file.
 * Never throws.
 */
export function extractFiles(completion: string, options: ExtractFilesOptions): ExtractedFiles {
  const text = String(completion).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { text: answer, removed: thinkingRemoved } = removeThinking(text);
  const out: ExtractedFiles = { files: {}, ignored: [], rejected: [], thinkingRemoved };
  if (answer === undefined) return out;
  const lines = answer.split('\n');
  const unnamed: FencedBlock[] = [];
  for (const block of findFencedBlocks(answer)) {
    const named = nameOf(block, lines);
    const resolved = named === undefined ? undefined : resolvePath(named.path, options.solutionFiles);
    // A word picked out of a sentence ("… in Node.js:") that names no solution file is no name.
    if (resolved === undefined || (resolved.kind === 'other' && named?.weak)) {
      if (block.content.trim() !== '') unnamed.push(block);
    } else if (resolved.kind === 'rejected') addOnce(out.rejected, named!.path);
    else if (resolved.kind === 'other') addOnce(out.ignored, resolved.path);
    else out.files[resolved.path] = `${block.content}\n`;
  }
  const [only] = options.solutionFiles;
  if (options.solutionFiles.length === 1 && only !== undefined && Object.keys(out.files).length === 0) {
    const block = bestUnnamed(unnamed, options.language);
    if (block) out.files[only] = `${block.content}\n`;
  }
  return out;
}

type Resolved = { kind: 'solution'; path: string } | { kind: 'other'; path: string } | { kind: 'rejected' };

/** Maps a path the answer wrote onto a solution file; anything that leaves the folder is rejected. */
export function resolvePath(written: string, solutionFiles: readonly string[]): Resolved {
  const raw = written.replace(/\\/g, '/');
  if (raw.startsWith('/') || /^[A-Za-z]:\//.test(raw) || raw.split('/').includes('..')) return { kind: 'rejected' };
  const path = posix.normalize(raw).replace(/^(\.\/)+/, '');
  if (path === '.' || path === '') return { kind: 'rejected' };
  if (solutionFiles.includes(path)) return { kind: 'solution', path };
  // `exercises/practice/x/account.py` for `account.py`, or `lib.rs` for `src/lib.rs`: only when unambiguous.
  const suffix = solutionFiles.filter((s) => path.endsWith(`/${s}`) || s.endsWith(`/${path}`));
  if (suffix.length === 1) return { kind: 'solution', path: suffix[0]! };
  return { kind: 'other', path };
}

/** Something with a file extension or a slash; version numbers such as `1.5` are not paths. */
const PATH_TOKEN = /^[\w@+-][\w./@+-]*\.[A-Za-z0-9]{1,10}$|^[\w@+.-]*\/[\w./@+-]+$/;

function nameOf(block: FencedBlock, lines: string[]): { path: string; weak: boolean } | undefined {
  const strong = fromInfo(block.info) ?? fromLineAbove(block, lines) ?? fromFirstLine(block.content);
  if (strong !== undefined) return { path: strong, weak: false };
  const weak = fromSentenceAbove(block, lines);
  return weak === undefined ? undefined : { path: weak, weak: true };
}

/** ```` ```python account.py ````, ```` ```account.py ````, ```` ```python:account.py ````, ```` ```ts title="a.ts" ````. */
function fromInfo(info: string): string | undefined {
  const tokens = info.split(/[\s:=]+/).map((t) => t.replace(/^["'{.]+|["'}]+$/g, '')).filter((t) => t !== '');
  return tokens.find((t) => looksLikePath(t));
}

function lineAbove(block: FencedBlock, lines: string[]): string | undefined {
  for (let i = block.line - 1; i >= Math.max(0, block.line - 2); i--) {
    const line = lines[i]?.trim() ?? '';
    if (line !== '') return line;
  }
  return undefined;
}

/** A line that is only a path: `path`, `` `path` ``, `**path**`, `### path`, `File: path`, `- path:`. */
function fromLineAbove(block: FencedBlock, lines: string[]): string | undefined {
  const whole = unquote(cleanLine(lineAbove(block, lines) ?? ''));
  return looksLikePath(whole) ? whole : undefined;
}

/** The last path in a sentence that ends in a colon or quotes the path: "Here is `account.py`:". */
function fromSentenceAbove(block: FencedBlock, lines: string[]): string | undefined {
  const line = lineAbove(block, lines);
  if (line === undefined || (!/:\s*$/.test(line) && !/`/.test(line))) return undefined;
  const cleaned = cleanLine(line);
  const quoted = [...cleaned.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  const tokens = quoted.length > 0 ? quoted : cleaned.split(/\s+/).map((t) => t.replace(/^[("']+|[)"',;]+$/g, ''));
  return tokens.filter((t) => looksLikePath(t)).at(-1);
}

function cleanLine(line: string): string {
  return line
    .replace(/^#+\s*|^[-*+]\s+|^\d+\.\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/^(?:file(?:name)?|path)\s*:\s*/i, '')
    .replace(/[:.]\s*$/, '')
    .trim();
}

/** `# account.py`, `// src/router.ts`, `# File: account.py` as the block's first line. */
function fromFirstLine(content: string): string | undefined {
  const first = content.split('\n', 1)[0]?.trim() ?? '';
  const match = /^(?:#|\/\/|--|\/\*)\s*(?:file(?:name)?\s*:\s*)?(\S+?)\s*(?:\*\/)?$/i.exec(first);
  return match && looksLikePath(match[1]!) ? match[1] : undefined;
}

function unquote(text: string): string {
  return text.replace(/^`+|`+$/g, '').replace(/^["']|["']$/g, '').trim();
}

function looksLikePath(token: string): boolean {
  return token.length <= 300 && PATH_TOKEN.test(token) && !/^\d+(\.\d+)*$/.test(token);
}

function bestUnnamed(blocks: FencedBlock[], language: Language): FencedBlock | undefined {
  const tags = LANGUAGE_TAGS[language];
  let best: { block: FencedBlock; tagged: number } | undefined;
  for (const block of blocks) {
    const tagged = tags.test(block.tag) ? 1 : 0;
    if (!tagged && block.tag !== '') continue;
    // Tagged beats untagged; among equals the later block (usually the corrected one) wins.
    if (!best || tagged >= best.tagged) best = { block, tagged };
  }
  return best?.block;
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}
