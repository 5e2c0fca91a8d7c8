/**
 * How many cases a property test runs. `npm test` runs a few hundred per property so the suite
 * stays quick; `npm run fuzz` sets CLOUDSEED_PROPERTY_CASES=full for the whole count. A number
 * runs that many (to replay or to widen one run).
 */
export function propertyCases(full: number, quick = Math.min(full, 200)): number {
  const setting = process.env['CLOUDSEED_PROPERTY_CASES'];
  if (setting === undefined || setting === '') return quick;
  if (setting === 'full') return full;
  const count = Number(setting);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`CLOUDSEED_PROPERTY_CASES must be 'full' or a whole number, not '${setting}'`);
  return count;
}
