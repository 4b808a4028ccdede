const WORD = /^[a-z0-9_-]+$/;

export function isValidTopic(text: string): boolean {
  return text.split(".").every((w) => WORD.test(w));
}

export function isValidPattern(text: string): boolean {
  return text.split(".").every((w) => w === "*" || w === "#" || WORD.test(w));
}

export function topicMatches(pattern: string, topic: string): boolean {
  if (!isValidPattern(pattern)) throw new Error(`invalid pattern ${JSON.stringify(pattern)}`);
  if (!isValidTopic(topic)) throw new Error(`invalid topic ${JSON.stringify(topic)}`);
  const p = pattern.split(".");
  const t = topic.split(".");
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === p.length) result = j === t.length;
    else if (p[i] === "#") result = j < t.length && (match(i + 1, j + 1) || match(i, j + 1));
    else result = j < t.length && (p[i] === "*" || p[i] === t[j]) && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}
