import type { Clock } from "./clock";

export interface Delivery {
  id: string;
  body: string;
  receipt: string;
  receiveCount: number;
}

export interface QueueOptions {
  visibilityTimeoutMs: number;
  maxReceives: number;
}

export class Queue {
  constructor(clock: Clock, options: QueueOptions) {
    throw new Error("Remove this line and implement Queue");
  }

  send(body: string): string {
    throw new Error("Remove this line and implement Queue.send");
  }

  receive(max = 1): Delivery[] {
    throw new Error("Remove this line and implement Queue.receive");
  }

  delete(receipt: string): boolean {
    throw new Error("Remove this line and implement Queue.delete");
  }

  size(): number {
    throw new Error("Remove this line and implement Queue.size");
  }

  deadLetters(): string[] {
    throw new Error("Remove this line and implement Queue.deadLetters");
  }
}
