export interface Clock {
  now(): number;
}

export class ManualClock implements Clock {
  constructor(start = 0) {
    throw new Error("Remove this line and implement ManualClock");
  }

  now(): number {
    throw new Error("Remove this line and implement ManualClock.now");
  }

  advance(ms: number): void {
    throw new Error("Remove this line and implement ManualClock.advance");
  }
}
