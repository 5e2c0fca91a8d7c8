/**
 * 8.3 short names and their aliases for long names (fatgen103 "FAT Directory Structure" for the valid
 * characters; "The Basis-Name Generation Algorithm" and "The Numeric-Tail Generation Algorithm").
 *
 * We never use the DIR_NTRes lowercase flags on write: a name that is not already an uppercase 8.3 name
 * (`meta`, `x.y`) gets long-name entries. Those flags are a Windows NT addition that readers without it
 * (DOS, Windows 9x, some firmware and embedded drivers) ignore and would show `META`, while every VFAT
 * reader shows a long name exactly. The cost is one 32-byte entry per such name.
 */
import { CaseFlag, NameMarker, SHORT_NAME_LENGTH } from './dir-entry.js';

const BASE_LENGTH = 8;
const EXTENSION_LENGTH = 3;
/** fatgen103 "The Numeric-Tail Generation Algorithm": tails run from ~1 to ~999999. */
const MAX_TAIL = 999999;

/** Characters allowed in a short name besides A-Z and 0-9 (ASCII only: bytes >= 0x80 depend on the OEM code page). */
const SHORT_NAME_CHARACTER = /^[A-Z0-9$%'\-_@~`!(){}^#&]$/;
const EXACT_SHORT_NAME = /^([A-Z0-9$%'\-_@~`!(){}^#&]{1,8})(?:\.([A-Z0-9$%'\-_@~`!(){}^#&]{1,3}))?$/;

export interface ShortNameAssignment {
  /** DIR_Name: base padded to 8, extension padded to 3. */
  readonly shortName: string;
  /** The entry needs long-name entries to show its name exactly. */
  readonly needsLongName: boolean;
}

/**
 * Gives every name of one directory a distinct short name. Names that are 8.3 names once upper-cased
 * keep that name (no numeric tail); the others get `BASIS~N.EXT` with the lowest free N. An alias never
 * equals another entry's upper-cased name either, because lookups compare a name against both the long
 * and the short names of every entry.
 */
export function assignShortNames(names: readonly string[]): ShortNameAssignment[] {
  const exact = names.map(toExactShortName);
  const taken = new Set(exact.filter((name): name is string => name !== undefined));
  // Tails below the last one given for a basis are all taken, and stay taken: resume there, so a folder
  // of many similar names costs linear time, not quadratic.
  const nextTail = new Map<string, number>();
  return names.map((name, i) => {
    const exactName = exact[i];
    if (exactName !== undefined) {
      return { shortName: exactName, needsLongName: name !== formatShortName(exactName) };
    }
    const basis = computeBasisName(name);
    const key = padShortName(basis.base, basis.extension);
    for (let n = nextTail.get(key) ?? 1; n <= MAX_TAIL; n++) {
      const tail = `~${n}`;
      const alias = padShortName(basis.base.slice(0, BASE_LENGTH - tail.length) + tail, basis.extension);
      if (!taken.has(alias)) {
        taken.add(alias);
        nextTail.set(key, n + 1);
        return { shortName: alias, needsLongName: true };
      }
    }
    throw new Error(`no free short name for '${name}'`);
  });
}

/** DIR_Name for a name that is an 8.3 name after ASCII upper-casing, else undefined. */
export function toExactShortName(name: string): string | undefined {
  const match = EXACT_SHORT_NAME.exec(upperCaseAscii(name));
  if (!match) return undefined;
  return padShortName(match[1] ?? '', match[2] ?? '');
}

/** The name a reader shows for DIR_Name, honouring the NT lowercase flags and the 0x05 escape of 0xE5. */
export function formatShortName(shortName: string, caseFlags = 0): string {
  const first = shortName.charCodeAt(0) === NameMarker.escapedE5 ? String.fromCharCode(NameMarker.free) : shortName[0];
  let base = (first + shortName.slice(1, BASE_LENGTH)).trimEnd();
  let extension = shortName.slice(BASE_LENGTH, SHORT_NAME_LENGTH).trimEnd();
  if (caseFlags & CaseFlag.lowerBase) base = lowerCaseAscii(base);
  if (caseFlags & CaseFlag.lowerExtension) extension = lowerCaseAscii(extension);
  return extension ? `${base}.${extension}` : base;
}

/**
 * fatgen103 "The Basis-Name Generation Algorithm": upper-case, drop spaces and leading periods, the last
 * period splits base from extension, other periods go, invalid characters become '_', truncate to 8.3.
 */
function computeBasisName(name: string): { base: string; extension: string } {
  const stripped = upperCaseAscii(name).replace(/ /g, '').replace(/^\.+/, '');
  const lastPeriod = stripped.lastIndexOf('.');
  const primary = lastPeriod < 0 ? stripped : stripped.slice(0, lastPeriod).replace(/\./g, '');
  const extension = lastPeriod < 0 ? '' : stripped.slice(lastPeriod + 1);
  return {
    base: replaceInvalidCharacters(primary).slice(0, BASE_LENGTH),
    extension: replaceInvalidCharacters(extension).slice(0, EXTENSION_LENGTH),
  };
}

function replaceInvalidCharacters(text: string): string {
  return [...text].map((character) => (SHORT_NAME_CHARACTER.test(character) ? character : '_')).join('');
}

function upperCaseAscii(name: string): string {
  return name.replace(/[a-z]/g, (letter) => letter.toUpperCase());
}

function lowerCaseAscii(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function padShortName(base: string, extension: string): string {
  return base.padEnd(BASE_LENGTH, ' ') + extension.padEnd(EXTENSION_LENGTH, ' ');
}
