/**
 * The last `capacity` points of one series: a time and `width` numbers each, in preallocated
 * typed arrays, so a series never holds more memory than its capacity, whatever the event rate.
 */
export class DashboardRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly width: number,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity * width);
  }

  /** Appends a point, overwriting the oldest one when full. */
  push(time: number, point: readonly number[]): void {
    const index = (this.head + this.size) % this.capacity;
    this.times[index] = time;
    this.values.set(point, index * this.width);
    if (this.size < this.capacity) this.size++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** The points at or after `since`, oldest first, as `[time, ...values]`. */
  pointsSince(since: number): number[][] {
    const points: number[][] = [];
    for (let i = 0; i < this.size; i++) {
      const index = (this.head + i) % this.capacity;
      const time = this.times[index];
      if (time < since) continue;
      const start = index * this.width;
      points.push([time, ...this.values.subarray(start, start + this.width)]);
    }
    return points;
  }
}
