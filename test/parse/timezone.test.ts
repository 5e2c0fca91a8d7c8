import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTimezone } from '../../src/parse/timezone.js';

test('zones of the tz database pass: canonical names, UTC forms and aliases', () => {
  for (const zone of ['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'US/Pacific', 'Etc/GMT+5', 'EST5EDT', 'GMT', 'Asia/Kolkata', 'Europe/Kyiv']) {
    assert.equal(checkTimezone(zone), undefined, zone);
  }
});

test('a misspelt zone is refused with the closest name', () => {
  assert.match(checkTimezone('Europe/Berln')!, /not a time zone of .*did you mean 'Europe\/Berlin'\?/);
  assert.match(checkTimezone('Mars/Olympus_Mons')!, /not a time zone/);
  assert.match(checkTimezone('localtime')!, /not a time zone/);
});

test('a zone in the wrong case is refused: the guest looks it up case-sensitively', () => {
  assert.match(checkTimezone('europe/berlin')!, /case-sensitively.*did you mean 'Europe\/Berlin'\?/);
  assert.match(checkTimezone('Europe/berlin')!, /did you mean 'Europe\/Berlin'\?/);
  assert.match(checkTimezone('utc')!, /did you mean 'UTC'\?/);
  assert.match(checkTimezone('us/pacific')!, /case-sensitively/);
});
