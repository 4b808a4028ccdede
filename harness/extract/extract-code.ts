import type { Language } from '../core/task.ts';
import { definesFunction } from './find-definition.ts';

export interface ExtractedCode {
  /** The code to grade; `undefined` when the completion holds none. */
  code: string | undefined;
  method: 'fenced' | 'raw' | 'none';
  /** Whether `<think>`/`<thinking>` reasoning was found and dropped. */
  thinkingRemoved: boolean;
}

export interface ExtractOptions {
  language: Language;
  /** The function the tests call; a fenced block that defines it beats one that does not. */
  entryPoint?: string;
}

/** Fence info-string tags that name each language; untagged blocks are candidates too. */
export const LANGUAGE_TAGS: Record<Language, RegExp> = {
  python: /^(?:python[\d.]*|py\d*)$/,
  typescript: /^(?:typescript|ts|tsx)$/,
  javascript: /^(?:javascript|js|jsx|mjs|node|nodejs)$/,
  cpp: /^(?:cpp|c\+\+|cc|cxx)$/,
  rust: /^(?:rust|rs)$/,
  go: /^(?:go|golang)$/,
  java: /^java$/,
};

/**
 * Turns a model's completion into the code to grade. Never throws.
 *
 * 1. Reasoning goes first: each `<think>…</think>` or `<thinking>…</thinking>` span is removed
 *    (case-insensitive, across lines). An opener left unclosed means the completion was cut off
 *    while reasoning, so there is no code. A closer with no opener (some providers strip the
 *    opener) drops everything before it. To spare code that handles these tags as strings, an
 *    opener counts only at the start of a line, and no tag counts when a quote, backtick or
 *    backslash touches it.
 * 2. If any fence line exists, the answer is a fenced block (see `pickBlock`); if no block is
 *    untagged or tagged with the language, there is no code.
 * 3. With no fence at all, the text is raw code. The one change made to it: a first line that
 *    reads as a prose lead-in is dropped (see `isProseLeadIn`). Leading blank lines and trailing
 *    whitespace are trimmed; the first line's indentation is kept, since a HumanEval-style
 *    continuation is an indented body.
 */
export function extractCode(completion: string, options: ExtractOptions): ExtractedCode {
  const text = String(completion).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { text: answer, removed: thinkingRemoved } = removeThinking(text);
  const none: ExtractedCode = { code: undefined, method: 'none', thinkingRemoved };
  if (answer === undefined || answer.trim() === '') return none;

  const blocks = findFencedBlocks(answer);
  if (blocks.length > 0) {
    const block = pickBlock(blocks, options);
    return block === undefined ? none : { code: block.content, method: 'fenced', thinkingRemoved };
  }

  const lines = answer.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first !== -1 && isProseLeadIn(lines[first] ?? '')) lines.splice(0, first + 1);
  const code = trimBlankEdges(lines.join('\n'));
  return code === '' ? none : { code, method: 'raw', thinkingRemoved };
}

const THINK_TAG = /<(\/?)think(?:ing)?>/gi;
const TOUCHING = new Set(['"', "'", '`', '\\']);

export function removeThinking(text: string): { text: string | undefined; removed: boolean } {
  const kept: string[] = [];
  let keepFrom = 0;
  let openAt: number | undefined;
  let removed = false;
  for (const match of text.matchAll(THINK_TAG)) {
    const start = match.index;
    const end = start + match[0].length;
    if (TOUCHING.has(text[start - 1] ?? '') || TOUCHING.has(text[end] ?? '')) continue;
    const closing = match[1] === '/';
    if (!closing) {
      // Openers inside a span are quoted reasoning; the first closer ends the span.
      if (openAt !== undefined || !atLineStart(text, start)) continue;
      kept.push(text.slice(keepFrom, start));
      openAt = start;
    } else if (openAt !== undefined) {
      openAt = undefined;
      keepFrom = end;
    } else {
      kept.length = 0;
      keepFrom = end;
    }
    removed = true;
  }
  if (openAt !== undefined) return { text: undefined, removed };
  kept.push(text.slice(keepFrom));
  return { text: kept.join(''), removed };
}

function atLineStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const char = text[i];
    if (char === '\n') return true;
    if (char !== ' ' && char !== '\t') return false;
  }
  return true;
}

export interface FencedBlock {
  /** Lower-cased first word of the info string, `''` when untagged. */
  tag: string;
  content: string;
  /** The whole info string after the fence, trimmed (a path may be written there). */
  info: string;
  /** 0-based line number of the opening fence. */
  line: number;
}

const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/**
 * CommonMark-style fences with two allowances for model output: any indentation (fences inside
 * nested list items), and a closing fence glued to the end of the last code line (`return x```).
 * An unclosed fence runs to the end of the text, as truncated output does.
 */
export function findFencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { indent: number; fence: string; tag: string; info: string; line: number; body: string[] } | undefined;
  const finish = (): void => {
    if (open) blocks.push({ tag: open.tag, content: trimBlankEdges(open.body.join('\n')), info: open.info, line: open.line });
    open = undefined;
  };
  for (const [index, line] of text.split('\n').entries()) {
    if (open === undefined) {
      const match = FENCE_OPEN.exec(line);
      const fence = match?.[2] ?? '';
      const info = match?.[3] ?? '';
      // A backtick in a backtick fence's info string makes it inline code, not a fence.
      if (!match || (fence.startsWith('`') && info.includes('`'))) continue;
      open = { indent: match[1]?.length ?? 0, fence, tag: fenceTag(info), info: info.trim(), line: index, body: [] };
      continue;
    }
    const close = FENCE_CLOSE.exec(line)?.[1];
    if (close !== undefined && close[0] === open.fence[0] && close.length >= open.fence.length) {
      finish();
      continue;
    }
    const trimmed = line.trimEnd();
    const beforeGlued = trimmed.slice(0, trimmed.length - open.fence.length);
    if (trimmed.endsWith(open.fence) && beforeGlued.trim() !== '' && !beforeGlued.endsWith(open.fence[0] ?? '')) {
      open.body.push(stripIndent(beforeGlued, open.indent));
      finish();
      continue;
    }
    open.body.push(stripIndent(line, open.indent));
  }
  finish();
  return blocks;
}

function fenceTag(info: string): string {
  return (info.trim().replace(/^\{?\.?/, '').split(/[\s{},:=]/)[0] ?? '').toLowerCase();
}

/** Removes up to `width` leading spaces or tabs, as CommonMark does for an indented fence. */
function stripIndent(line: string, width: number): string {
  let i = 0;
  while (i < width && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

/**
 * Candidates are non-empty blocks that are untagged or tagged with the language; blocks tagged
 * with anything else (bash, json, text, output…) are never code to grade. The winner is the
 * first by: defines the entry point, then tagged with the language, then longest, then last
 * (a later block is usually the corrected or final answer).
 */
function pickBlock(blocks: FencedBlock[], options: ExtractOptions): FencedBlock | undefined {
  const tags = LANGUAGE_TAGS[options.language];
  let best: { block: FencedBlock; score: [number, number, number] } | undefined;
  for (const block of blocks) {
    if (block.content.trim() === '') continue;
    const tagged = tags.test(block.tag);
    if (!tagged && block.tag !== '') continue;
    const defines = options.entryPoint ? definesFunction(block.content, options.entryPoint, options.language) : false;
    const score: [number, number, number] = [defines ? 1 : 0, tagged ? 1 : 0, block.content.length];
    if (best === undefined || compareScores(score, best.score) >= 0) best = { block, score };
  }
  return best?.block;
}

function compareScores(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * A lead-in such as "Here is the corrected code:". It must be unindented, start with a capital
 * letter, have at least two words and end with ':'. No line like that is valid code in our
 * languages: Python block openers (`def`, `if`, `class`…) and C-family labels (`public:`,
 * `case X:`) start lower-case, and goto labels are a single word.
 */
function isProseLeadIn(line: string): boolean {
  const trimmed = line.trimEnd();
  return /^[A-Z]/.test(trimmed) && trimmed.endsWith(':') && /\S[ \t]+\S/.test(trimmed);
}

/** Drops blank lines at the start and whitespace at the end, keeping the first line's indentation. */
function trimBlankEdges(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}
