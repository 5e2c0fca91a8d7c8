/**
 * Seeded random values for the fuzz targets: strings that probe validators (control characters,
 * YAML 1.1 words, unicode, lengths at the limits) and values of every JSON type.
 */
import { seededRandom } from '../helpers/random-tree.js';

export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  readonly int: (max: number) => number;
  readonly chance: (p: number) => boolean;
  readonly pick: <T>(items: readonly T[]) => T;
}

export function createRandom(seed: number): Random {
  const next = seededRandom(seed);
  const int = (max: number): number => Math.floor(next() * max);
  return { next, int, chance: (p) => next() < p, pick: (items) => items[int(items.length)]! };
}

/** Strings that have broken (or could break) a validator, a renderer or an emitter somewhere. */
const INTERESTING_STRINGS = [
  '', ' ', 'a', '-', '.', '..', '/', '~', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '=', '<<', '0644', '0o644', '1e3', '0x1F', '1_000',
  '12:30', '2001-12-14', '.inf', '.nan', '!!binary', '&a', '*a', '#', '---', '...', '|', '>', '"', "'", '\\', '%', '@', '`',
  'web01', 'web-01', 'WEB01', 'web01.example.com', 'web01.', '-web', 'web_01', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(256),
  'x\nruncmd: [reboot]', 'x\r\ny', 'tab\there', 'nul\u0000', '\u007f', '\u200b', '\ufeff', 'é', 'Ω', '🔑', '\ud800', 'İ', 'ß',
  '/etc/motd', '/etc/../root', 'etc/motd', '/a/', '/dev/null', './missing', 'files/setup.sh', '../x',
  'root', 'admin', 'Bad User', 'user$', 'bob\nroot', 'ALL=(ALL) NOPASSWD:ALL', 'wheel', 'adm,sudo',
  '$6$abcdefghijklmnop$4MjOne1jVRKP4IuHRPFedC4vlQHNjvcBfQJVlfB8ciQ5YUzW2g81Pyw4sptw4femJ071/eApI0WDsBAOOCmTl0',
  '$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7', '$1$', '$2y$04$', '!', '*',
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO a@b', 'ssh-rsa AAAA', '-----BEGIN OPENSSH PRIVATE KEY-----',
  '192.0.2.10/24', '192.0.2.1', '300.1.1.1/24', '2001:db8::10/64', 'fe80::1', '::', '0.0.0.0/0', 'default', '52:54:00:12:34:56',
  '52-54-00-12-34-56', 'eth0', 'eth1', 'bond0', 'vlan100', 'lo', 'dhcp', 'text/x-shellscript', 'text/cloud-config', '#!/bin/sh\necho hi\n',
  '#cloud-config\nruncmd: [x]\n', 'cidata', 'CIDATA', 'config-2', 'CONFIG-2', '1440K', '1M', '0', '512', '20.4', '22.4', 'Europe/Berlin',
  'nocloud', 'configdrive', 'ovirt', 'iso9660', 'vfat', 'native', 'xorriso', 'active-backup', '802.3ad',
];

const ALPHABET = [...'abcxyzABC019-_./: \n\t#"\'\\{}[],&*!|>%@`?=$\u0000é🔑\u200b'];

export function randomString(random: Random): string {
  if (random.chance(0.6)) return random.pick(INTERESTING_STRINGS);
  const length = random.chance(0.9) ? random.int(24) : random.int(600);
  return Array.from({ length }, () => random.pick(ALPHABET)).join('');
}

export function randomNumber(random: Random): number {
  return random.pick([0, 1, -1, 2, 7, 63, 64, 100, 255, 256, 420, 511, 1280, 1500, 4095, 9000, 65535, 2 ** 31, 2 ** 53, 1.5, -0.5, 1e21]);
}

/** Any JSON value (and a few YAML-only ones); `depth` bounds nesting. */
export function randomValue(random: Random, depth = 2): unknown {
  const kind = random.int(depth > 0 ? 7 : 5);
  switch (kind) {
    case 0:
    case 1:
      return randomString(random);
    case 2:
      return randomNumber(random);
    case 3:
      return random.chance(0.5);
    case 4:
      return null;
    case 5:
      return Array.from({ length: random.int(4) }, () => randomValue(random, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: random.int(4) }, () => [randomString(random), randomValue(random, depth - 1)]));
  }
}
