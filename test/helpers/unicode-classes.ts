/**
 * Code points by Unicode general category, for tests that push every kind of character through
 * our writers: each of the 30 categories (surrogates and unassigned included) plus the characters
 * PyYAML treats specially (C1 controls, U+0085, U+2028/U+2029, U+FEFF, U+FFFE/U+FFFF, DEL).
 */

export const GENERAL_CATEGORIES = [
  'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'Mn', 'Mc', 'Me', 'Nd', 'Nl', 'No', 'Pc', 'Pd', 'Ps', 'Pe',
  'Pi', 'Pf', 'Po', 'Sm', 'Sc', 'Sk', 'So', 'Zs', 'Zl', 'Zp', 'Cc', 'Cf', 'Cs', 'Co', 'Cn',
] as const;
export type GeneralCategory = (typeof GENERAL_CATEGORIES)[number];

/** The characters the issue names, whatever their category; always part of a sample. */
export const YAML_SPECIAL_CODE_POINTS: readonly number[] = [
  0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x80, 0x84, 0x85, 0x86, 0x9f, 0xa0, 0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff, 0xd800, 0xdbff,
  0xdc00, 0xdfff, 0x10ffff,
];

/** Astral planes are sampled at this stride: every category found there still gets members. */
const ASTRAL_STRIDE = 97;

let byCategory: ReadonlyMap<GeneralCategory, readonly number[]> | undefined;

/** All of the BMP and a stride through the astral planes, each code point filed under its category. */
function codePointsByCategory(): ReadonlyMap<GeneralCategory, readonly number[]> {
  if (byCategory !== undefined) return byCategory;
  const tests = GENERAL_CATEGORIES.map((name) => [name, new RegExp(`^\\p{gc=${name}}$`, 'u')] as const);
  const found = new Map<GeneralCategory, number[]>(GENERAL_CATEGORIES.map((name) => [name, []]));
  const file = (codePoint: number): void => {
    const text = String.fromCodePoint(codePoint);
    const match = tests.find(([, test]) => test.test(text));
    if (match !== undefined) found.get(match[0])?.push(codePoint);
  };
  for (let codePoint = 0; codePoint <= 0xffff; codePoint++) file(codePoint);
  for (let codePoint = 0x10000; codePoint <= 0x10ffff; codePoint += ASTRAL_STRIDE) file(codePoint);
  byCategory = found;
  return found;
}

/**
 * `perCategory` code points of every category (the first and last the table holds, then random
 * ones), then the specials; no duplicates.
 */
export function sampleCodePoints(perCategory: number, random: () => number): number[] {
  const picked = new Set<number>();
  for (const members of codePointsByCategory().values()) {
    const wanted = Math.min(perCategory, members.length);
    const chosen = new Set([members[0]!, members[members.length - 1]!].slice(0, wanted));
    while (chosen.size < wanted) chosen.add(members[Math.floor(random() * members.length)]!);
    for (const codePoint of chosen) picked.add(codePoint);
  }
  for (const codePoint of YAML_SPECIAL_CODE_POINTS) picked.add(codePoint);
  return [...picked];
}

/** The category's name, for messages. */
export function categoryOf(codePoint: number): GeneralCategory | undefined {
  const text = String.fromCodePoint(codePoint);
  return GENERAL_CATEGORIES.find((name) => new RegExp(`^\\p{gc=${name}}$`, 'u').test(text));
}

/** A code point as a JS string: a lone surrogate stays one code unit. */
export function charOf(codePoint: number): string {
  return codePoint >= 0xd800 && codePoint <= 0xdfff ? String.fromCharCode(codePoint) : String.fromCodePoint(codePoint);
}
