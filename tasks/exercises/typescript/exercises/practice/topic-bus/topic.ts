export function isValidTopic(text: string): boolean {
  throw new Error("Remove this line and implement isValidTopic");
}

export function isValidPattern(text: string): boolean {
  throw new Error("Remove this line and implement isValidPattern");
}

export function topicMatches(pattern: string, topic: string): boolean {
  throw new Error("Remove this line and implement topicMatches");
}
