/**
 * FAT date and time stamps (fatgen103 "FAT Directory Structure", "Date and Time Formats").
 *
 * FAT stores local time without a zone. We write the UTC fields of the epoch, so the image does not
 * depend on the zone of the machine that builds it.
 */

/** A stamp as the three directory-entry fields hold it. */
export interface FatTimestamp {
  /** Bits 15-9 years since 1980, 8-5 month (1-12), 4-0 day (1-31). */
  readonly date: number;
  /** Bits 15-11 hours, 10-5 minutes, 4-0 seconds / 2. */
  readonly time: number;
  /** DIR_CrtTimeTenth: hundredths of a second (0-199) that the 2-second `time` cannot hold. */
  readonly hundredths: number;
}

const FIRST_YEAR = 1980;
/** The 7-bit year field ends at 1980 + 127. */
const LAST_YEAR = FIRST_YEAR + 127;

/** Encodes seconds since 1970 UTC; stamps outside 1980..2107 clamp to the first or last representable one. */
export function encodeFatTimestamp(epochSeconds: number): FatTimestamp {
  const moment = new Date(Math.floor(epochSeconds) * 1000);
  const year = moment.getUTCFullYear();
  if (year < FIRST_YEAR) return { date: packDate(FIRST_YEAR, 1, 1), time: 0, hundredths: 0 };
  if (year > LAST_YEAR) return { date: packDate(LAST_YEAR, 12, 31), time: packTime(23, 59, 58), hundredths: 0 };
  const seconds = moment.getUTCSeconds();
  return {
    date: packDate(year, moment.getUTCMonth() + 1, moment.getUTCDate()),
    time: packTime(moment.getUTCHours(), moment.getUTCMinutes(), seconds),
    hundredths: (seconds % 2) * 100,
  };
}

function packDate(year: number, month: number, day: number): number {
  return ((year - FIRST_YEAR) << 9) | (month << 5) | day;
}

function packTime(hours: number, minutes: number, seconds: number): number {
  return (hours << 11) | (minutes << 5) | (seconds >> 1);
}
