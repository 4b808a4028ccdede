import { isValidPattern, isValidTopic, topicMatches } from "./topic";

export type Handler = (payload: unknown, topic: string) => void;

export interface BusOptions {
  onError?: (error: unknown, topic: string) => void;
}

interface Subscription {
  pattern: string;
  handler: Handler;
  once: boolean;
  active: boolean;
}

export class EventBus {
  private subscriptions: Subscription[] = [];

  constructor(private readonly options: BusOptions = {}) {}

  subscribe(pattern: string, handler: Handler): () => void {
    return this.add(pattern, handler, false);
  }

  once(pattern: string, handler: Handler): () => void {
    return this.add(pattern, handler, true);
  }

  private add(pattern: string, handler: Handler, once: boolean): () => void {
    if (!isValidPattern(pattern)) throw new Error(`invalid pattern ${JSON.stringify(pattern)}`);
    const subscription: Subscription = { pattern, handler, once, active: true };
    this.subscriptions.push(subscription);
    return () => this.remove(subscription);
  }

  private remove(subscription: Subscription): void {
    subscription.active = false;
    this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
  }

  publish(topic: string, payload: unknown): number {
    if (!isValidTopic(topic)) throw new Error(`invalid topic ${JSON.stringify(topic)}`);
    const errors: unknown[] = [];
    let called = 0;
    for (const subscription of [...this.subscriptions]) {
      if (!topicMatches(subscription.pattern, topic)) continue;
      if (subscription.once) this.remove(subscription);
      called++;
      try {
        subscription.handler(payload, topic);
      } catch (error) {
        if (this.options.onError) this.options.onError(error, topic);
        else errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} handler(s) failed for ${topic}`);
    return called;
  }
}
