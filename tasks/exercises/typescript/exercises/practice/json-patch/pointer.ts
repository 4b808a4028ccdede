export class PointerError extends Error {}

export function parsePointer(text: string): string[] {
  throw new Error("Remove this line and implement parsePointer");
}

export function formatPointer(tokens: string[]): string {
  throw new Error("Remove this line and implement formatPointer");
}
