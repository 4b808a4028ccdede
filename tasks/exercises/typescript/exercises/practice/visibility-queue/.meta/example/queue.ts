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

interface Message {
  id: string;
  body: string;
  receiveCount: number;
  receipt: string | undefined;
  receivedAt: number;
}

export class Queue {
  private readonly messages: Message[] = [];
  private readonly dead: string[] = [];
  private sent = 0;

  constructor(private readonly clock: Clock, private readonly options: QueueOptions) {
    for (const [name, value] of Object.entries(options)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer of at least 1`);
    }
  }

  send(body: string): string {
    const id = `m${++this.sent}`;
    this.messages.push({ id, body, receiveCount: 0, receipt: undefined, receivedAt: 0 });
    return id;
  }

  private visible(message: Message): boolean {
    return message.receipt === undefined || this.clock.now() >= message.receivedAt + this.options.visibilityTimeoutMs;
  }

  receive(max = 1): Delivery[] {
    const out: Delivery[] = [];
    for (const message of [...this.messages]) {
      if (out.length >= max) break;
      if (!this.visible(message)) continue;
      if (message.receiveCount >= this.options.maxReceives) {
        this.messages.splice(this.messages.indexOf(message), 1);
        this.dead.push(message.body);
        continue;
      }
      message.receiveCount++;
      message.receipt = `${message.id}#${message.receiveCount}`;
      message.receivedAt = this.clock.now();
      out.push({ id: message.id, body: message.body, receipt: message.receipt, receiveCount: message.receiveCount });
    }
    return out;
  }

  delete(receipt: string): boolean {
    const at = this.messages.findIndex((m) => m.receipt === receipt);
    if (at < 0) return false;
    this.messages.splice(at, 1);
    return true;
  }

  size(): number {
    return this.messages.length;
  }

  deadLetters(): string[] {
    return [...this.dead];
  }
}
