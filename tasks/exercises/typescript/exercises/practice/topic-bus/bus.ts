import { isValidPattern, isValidTopic, topicMatches } from "./topic";

export type Handler = (payload: unknown, topic: string) => void;

export interface BusOptions {
  onError?: (error: unknown, topic: string) => void;
}

export class EventBus {
  constructor(options: BusOptions = {}) {
    throw new Error("Remove this line and implement EventBus");
  }

  subscribe(pattern: string, handler: Handler): () => void {
    throw new Error("Remove this line and implement EventBus.subscribe");
  }

  once(pattern: string, handler: Handler): () => void {
    throw new Error("Remove this line and implement EventBus.once");
  }

  publish(topic: string, payload: unknown): number {
    throw new Error("Remove this line and implement EventBus.publish");
  }
}
