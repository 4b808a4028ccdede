export class PointerError extends Error {}

export function parsePointer(text: string): string[] {
  if (text === "") return [];
  if (!text.startsWith("/")) throw new PointerError(`pointer must start with "/": ${JSON.stringify(text)}`);
  return text
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~(?![01])/.test(token)) throw new PointerError(`bad escape in ${JSON.stringify(text)}`);
      return token.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

export function formatPointer(tokens: string[]): string {
  return tokens.map((t) => `/${t.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
