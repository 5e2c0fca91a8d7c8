/**
 * What cloud-init's YAML loader (PyYAML) makes of a text before any parsing: its reader refuses
 * the whole stream at the first character outside its printable set, and its scanner reads
 * U+0085, U+2028 and U+2029 as line breaks wherever they stand. The `yaml` package we read with
 * accepts both silently, so a seed can look fine here and give cloud-init nothing.
 */

/** PyYAML's printable set, inverted: tab, LF, CR, U+0020-U+007E, U+0085, U+00A0-U+D7FF, U+E000-U+FFFD and the astral planes pass. */
const NOT_PRINTABLE_FOR_PYYAML = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const PYYAML_ONLY_LINE_BREAK = /[\x85\u2028\u2029]/;

export interface PyYamlTextProblem {
  /** True when PyYAML refuses the text outright (cloud-init's load_yaml then returns nothing). */
  readonly refused: boolean;
  readonly message: string;
}

function describeAt(text: string, index: number): string {
  const codePoint = text.codePointAt(index) ?? 0;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at line ${line}, column ${column}`;
}

/** The first thing PyYAML reads differently from us in `text`, or undefined. */
export function findPyYamlTextProblem(text: string): PyYamlTextProblem | undefined {
  const refused = NOT_PRINTABLE_FOR_PYYAML.exec(text);
  if (refused !== null) {
    return { refused: true, message: `holds ${describeAt(text, refused.index)}, which PyYAML refuses: cloud-init's YAML loader drops the whole file` };
  }
  const lineBreak = PYYAML_ONLY_LINE_BREAK.exec(text);
  if (lineBreak !== null) {
    return {
      refused: false,
      message: `holds ${describeAt(text, lineBreak.index)} unescaped, which PyYAML reads as a line break: cloud-init may not load the file, or read other values than shown here`,
    };
  }
  return undefined;
}
