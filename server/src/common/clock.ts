import { Injectable } from '@nestjs/common';

/**
 * The time every rule reads: statutory deadlines run from "today in Shanghai", so tests must be able to
 * stand on a chosen day (e.g. just before National Day) without touching the system clock.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test hook: from now on the clock reads `instant` and keeps ticking. */
  travelTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
