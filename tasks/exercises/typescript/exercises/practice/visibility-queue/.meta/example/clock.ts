export interface Clock {
  now(): number;
}

export class ManualClock implements Clock {
  private time: number;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError("a clock cannot go backwards");
    this.time += ms;
  }
}
