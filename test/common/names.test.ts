import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFqdn, checkHostname, checkUserName } from '../../src/common/names.js';

type Case = readonly [value: string, expected: string | undefined];

function assertTable(check: (value: string) => string | undefined, cases: readonly Case[]): void {
  for (const [value, expected] of cases) assert.equal(check(value), expected, JSON.stringify(value));
}

test('checkHostname accepts RFC 1123 labels', () => {
  assertTable(checkHostname, [
    ['web01', undefined],
    ['a', undefined],
    ['1', undefined],
    ['0web', undefined],
    ['Web-01', undefined],
    ['a-b-c', undefined],
    ['x'.repeat(63), undefined],
  ]);
});

test('checkHostname says what is wrong', () => {
  assertTable(checkHostname, [
    ['', 'is empty'],
    ['web\n01', 'contains a newline'],
    ['web01\r', 'contains a newline'],
    ['x'.repeat(70), 'is longer than 63 characters (70)'],
    ['-web', "starts with '-'"],
    ['web-', "ends with '-'"],
    ['wéb', "contains non-ASCII character 'é'"],
    ['web🙂', "contains non-ASCII character '🙂'"],
    ['web\u200b01', 'contains non-ASCII character U+200B'],
    ['web_01', "contains '_', which is not allowed (use letters, digits and '-')"],
    ['web 01', "contains a space, which is not allowed (use letters, digits and '-')"],
    ['web\t01', "contains a tab, which is not allowed (use letters, digits and '-')"],
    ['web01.example.com', "contains '.': a hostname is a single label such as 'web01'; put the full name in fqdn"],
  ]);
});

test('checkFqdn accepts names of two or more valid labels up to 253 characters', () => {
  const long = `${[...Array(4)].map(() => 'a'.repeat(62)).join('.')}.d`; // 4 * 62 + 3 dots + 2
  assert.equal(long.length, 253);
  assertTable(checkFqdn, [
    ['web01.example.com', undefined],
    ['a.b', undefined],
    ['web-01.Example.COM', undefined],
    ['1.example.com', undefined],
    ['xn--bcher-kva.example', undefined],
    [long, undefined],
  ]);
});

test('checkFqdn says what is wrong', () => {
  const tooLong = `${[...Array(4)].map(() => 'a'.repeat(62)).join('.')}.de`;
  assertTable(checkFqdn, [
    ['', 'is empty'],
    ['web01', "has a single label; an FQDN has at least two, such as 'web01.example.com'"],
    ['web01.example.com.', "ends with '.': write the name without the trailing dot"],
    ['.example.com', "starts with '.'"],
    ['web01..example.com', 'has an empty label (two dots in a row)'],
    ['web01.example.com\n', 'contains a newline'],
    ['web01.-example.com', "label 2 ('-example') starts with '-'"],
    ['web01.exämple.com', "label 2 ('exämple') contains non-ASCII character 'ä'"],
    ['web_01.example.com', "label 1 ('web_01') contains '_', which is not allowed (use letters, digits and '-')"],
    [`${'x'.repeat(64)}.com`, `label 1 ('${'x'.repeat(20)}…' (64 characters)) is longer than 63 characters (64)`],
    ['10.0.0.1', 'ends with an all-digit label: that is an IP address, not a name'],
    [tooLong, 'is longer than 253 characters (254)'],
  ]);
});

test('checkUserName accepts what Debian useradd accepts by default, root included', () => {
  assertTable(checkUserName, [
    ['root', undefined],
    ['admin', undefined],
    ['_apt', undefined],
    ['user-1', undefined],
    ['user_1', undefined],
    ['machine$', undefined],
    ['a', undefined],
    ['a'.repeat(32), undefined],
  ]);
});

test('checkUserName says what is wrong', () => {
  assertTable(checkUserName, [
    ['', 'is empty'],
    ['bob\n', 'contains a newline'],
    ['Admin', "contains uppercase 'A': useradd accepts only lowercase names"],
    ['josé', "contains non-ASCII character 'é'"],
    ['bob smith', "contains a space, which is not allowed (use lowercase letters, digits, '_' and '-')"],
    ['bob.smith', "contains '.', which is not allowed (use lowercase letters, digits, '_' and '-')"],
    ['bob:x', "contains ':', which is not allowed (use lowercase letters, digits, '_' and '-')"],
    ['bo$b', "has '$' before the end ('$' may only be the last character)"],
    ['1bob', "starts with '1'; a user name starts with a lowercase letter or '_'"],
    ['-bob', "starts with '-'; a user name starts with a lowercase letter or '_'"],
    ['$', "starts with '$'; a user name starts with a lowercase letter or '_'"],
    ['a'.repeat(33), 'is longer than 32 characters (33)'],
  ]);
});

test('checkUserName agrees with the useradd regex on generated names', () => {
  const useradd = /^[a-z_][a-z0-9_-]*[$]?$/;
  const alphabet = 'az09_-$A.é \n';
  let state = 12345;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  for (let i = 0; i < 5000; i++) {
    const name = Array.from({ length: 1 + next(36) }, () => alphabet[next(alphabet.length)]).join('');
    const valid = useradd.test(name) && name.length <= 32;
    assert.equal(checkUserName(name) === undefined, valid, JSON.stringify(name));
  }
});

test('messages never repeat a huge value whole', () => {
  const huge = 'x'.repeat(5000);
  for (const message of [checkHostname(huge), checkFqdn(`${huge}.com`), checkUserName(huge), checkFqdn(`a.${huge}`)]) {
    assert.ok(message !== undefined && message.length < 120, message);
  }
});
