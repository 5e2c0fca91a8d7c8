/**
 * YAML emitted for PyYAML (YAML 1.1), which is what cloud-init parses with.
 *
 * The `yaml` package's defaults break PyYAML on strings such as `yes`, `on`, `1_000`, `0b101`,
 * `12:30` (base 60), dates, `=` and `<<`, emit anchors for repeated objects and fold long lines.
 * Every setting below closes one of those gaps; test/render/yaml11.test.ts checks each against
 * PyYAML's safe_load. The package also writes C1 controls, U+2028/U+2029, U+FEFF and U+FFFE/U+FFFF
 * unescaped, which PyYAML refuses or reads as line breaks: those strings get our own escapes.
 * Keys longer than PyYAML's 1024-character limit for implicit keys are written as explicit `? `
 * keys by the package (so no spec value is refused for its length alone).
 */
import type { ScalarTag, Tags } from 'yaml';
import { yamlPackage } from '../common/yaml-package.js';
import { NEEDS_YAML_ESCAPE, doubleQuotedYaml } from './yaml-escape.js';
import { emitYaml11Fast } from './yaml11-fast.js';
import { readsAsOtherType } from './yaml11-types.js';

/**
 * Strings PyYAML treats specially, or reads as another type where the package would write them
 * plain (a timestamp with an empty fraction or a zone hour from 30 up: readsAsOtherType).
 */
function needsDoubleQuotes(value: string): boolean {
  return value === '=' || value === '<<' || (value.includes('\t') && !value.includes('\n')) || readsAsOtherType(value);
}

/** Serializes a plain JSON-like value to YAML that PyYAML's safe_load reads back unchanged. */
export function toYaml11(value: unknown): string {
  return emitYaml11Fast(value) ?? toYaml11Document(value);
}

/** Through the `yaml` package: any value (emitYaml11Fast writes the same bytes for the plain shapes). */
function toYaml11Document(value: unknown): string {
  const { Document, Scalar, isScalar, visit } = yamlPackage();
  const doc = new Document(value, {
    version: '1.1',
    aliasDuplicateObjects: false,
    // Without the merge tag, `<<` is a plain key/value and must be quoted (see needsDoubleQuotes).
    customTags: (tags) => tags.filter((tag) => typeof tag === 'object' && tag.tag !== 'tag:yaml.org,2002:merge').map(escapingStrings),
  });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && needsDoubleQuotes(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && needsDoubleQuotes(pair.key.value)) {
        pair.key.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, blockQuote: 'literal' });
}

/** The string tag, writing the strings PyYAML cannot read unescaped with doubleQuotedYaml. */
function escapingStrings(tag: Tags[number]): Tags[number] {
  if (typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:str' || 'collection' in tag) return tag;
  const stringTag = tag as ScalarTag;
  return {
    ...stringTag,
    stringify(item, ctx, onComment, onChompKeep) {
      const text = item.value;
      if (typeof text === 'string' && NEEDS_YAML_ESCAPE.test(text)) return doubleQuotedYaml(text);
      return stringTag.stringify?.(item, ctx, onComment, onChompKeep) ?? String(text);
    },
  };
}

/** A `#cloud-config` document: the header line cloud-init dispatches on, then the YAML body. */
export function toCloudConfig(value: Record<string, unknown>): string {
  return `#cloud-config\n${toYaml11(value)}`;
}
