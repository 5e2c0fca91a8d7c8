/**
 * ECMA-119 timestamps. Every date in an image comes from one epoch (seconds, UTC), so the same
 * input gives the same bytes; the GMT offset is always 0.
 */

import { encodeAscii } from './ascii.js';

/** ECMA-119 9.1.5 offsets of the 7-byte recording date (also RRIP TF's short form). */
const RECORDING_DATE = { year: 0, month: 1, day: 2, hour: 3, minute: 4, second: 5, gmtOffset: 6 } as const;
export const RECORDING_DATE_LENGTH = 7;
/** ECMA-119 8.4.26.1: 16 ASCII digits then the GMT offset byte. */
const VOLUME_DATE_LENGTH = 17;

/** 9.1.5 stores the year as an offset from 1900 in one byte. */
export const MIN_EPOCH = Date.UTC(1900, 0, 1) / 1000;
export const MAX_EPOCH = Date.UTC(2155, 11, 31, 23, 59, 59) / 1000;

function toUtcDate(epoch: number): Date {
  if (!Number.isInteger(epoch) || epoch < MIN_EPOCH || epoch > MAX_EPOCH) {
    throw new RangeError(`epoch ${epoch} is not a whole number of seconds between 1900 and 2155`);
  }
  return new Date(epoch * 1000);
}

/** ECMA-119 9.1.5: years since 1900, month, day, hour, minute, second, GMT offset. */
export function encodeRecordingDate(epoch: number): Uint8Array {
  const date = toUtcDate(epoch);
  const bytes = new Uint8Array(RECORDING_DATE_LENGTH);
  bytes[RECORDING_DATE.year] = date.getUTCFullYear() - 1900;
  bytes[RECORDING_DATE.month] = date.getUTCMonth() + 1;
  bytes[RECORDING_DATE.day] = date.getUTCDate();
  bytes[RECORDING_DATE.hour] = date.getUTCHours();
  bytes[RECORDING_DATE.minute] = date.getUTCMinutes();
  bytes[RECORDING_DATE.second] = date.getUTCSeconds();
  bytes[RECORDING_DATE.gmtOffset] = 0;
  return bytes;
}

function encodeDigits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** ECMA-119 8.4.26.1: "YYYYMMDDHHMMSScc" in ASCII digits, then the GMT offset (0). */
export function encodeVolumeDate(epoch: number): Uint8Array {
  const date = toUtcDate(epoch);
  const text =
    encodeDigits(date.getUTCFullYear(), 4) +
    encodeDigits(date.getUTCMonth() + 1, 2) +
    encodeDigits(date.getUTCDate(), 2) +
    encodeDigits(date.getUTCHours(), 2) +
    encodeDigits(date.getUTCMinutes(), 2) +
    encodeDigits(date.getUTCSeconds(), 2) +
    '00';
  return encodeAscii(`${text}\0`);
}

/** ECMA-119 8.4.26.1: "not specified" is sixteen '0' digits and a zero offset. */
export function encodeUnspecifiedVolumeDate(): Uint8Array {
  return encodeAscii(`${'0'.repeat(VOLUME_DATE_LENGTH - 1)}\0`);
}
