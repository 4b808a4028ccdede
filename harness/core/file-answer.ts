/** Fence info-string tag for a file, from its extension; `''` when unknown. */
export function fenceTagFor(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const tags: Record<string, string> = {
    py: 'python', ts: 'typescript', js: 'javascript', mjs: 'javascript', cjs: 'javascript', go: 'go', rs: 'rust',
    cpp: 'cpp', cc: 'cpp', h: 'cpp', hpp: 'cpp', java: 'java', json: 'json', toml: 'toml', md: 'markdown',
  };
  return tags[ext] ?? '';
}

/**
 * Whole files the way Aider's "whole" edit format writes them: the path alone on a line, then the
 * content in a fenced block. The fence is longer than any run of backticks in the content, so
 * the text parses back into exactly these files (less a final newline, which the grader restores).
 */
export function formatFileAnswer(files: Record<string, string>): string {
  return Object.entries(files)
    .map(([path, content]) => {
      const body = content.replace(/\r\n?/g, '\n').replace(/\n$/, '');
      const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(Math.max(3, longest + 1));
      return `${path}\n${fence}${fenceTagFor(path)}\n${body}\n${fence}\n`;
    })
    .join('\n');
}
