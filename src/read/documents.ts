/**
 * The YAML and JSON files of a seed, parsed as cloud-init parses them (PyYAML safe_load is YAML
 * 1.1; json.loads), with a warning instead of an exception when a file does not parse.
 */
import { findPyYamlTextProblem } from '../common/pyyaml-text.js';
import { yamlPackage } from '../common/yaml-package.js';
import type { SeedWarning } from './report-types.js';

export interface ParsedMapping {
  /** The top-level mapping; undefined when the file does not parse or is not a mapping. */
  readonly value?: Record<string, unknown>;
  readonly warning?: SeedWarning;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * An empty document is allowed and means no keys (cloud-init reads it as None, then as {}).
 * A text PyYAML refuses gives only a warning, as cloud-init gets nothing from it; one PyYAML
 * reads differently (raw U+2028...) is read, with a warning.
 */
export function parseYamlMapping(text: string, file: string): ParsedMapping {
  const problem = findPyYamlTextProblem(text);
  if (problem?.refused) return { warning: { code: 'invalid-yaml', file, message: `${file} ${problem.message}` } };
  const parsed = parseYamlText(text, file);
  // Read anyway: what the file says is still worth showing beside the warning.
  if (problem !== undefined && parsed.warning === undefined) {
    return { ...parsed, warning: { code: 'pyyaml-line-break', file, message: `${file} ${problem.message}` } };
  }
  return parsed;
}

function parseYamlText(text: string, file: string): ParsedMapping {
  let value: unknown;
  try {
    // maxAliasCount keeps a "billion laughs" document from expanding without end.
    value = yamlPackage().parse(text, { version: '1.1', maxAliasCount: 1000, prettyErrors: false });
  } catch (error) {
    return { warning: { code: 'invalid-yaml', file, message: `${file} is not valid YAML: ${firstLine((error as Error).message)}` } };
  }
  if (value === null || value === undefined) return { value: {} };
  if (!isMapping(value)) return { warning: { code: 'invalid-yaml', file, message: `${file} is YAML but not a mapping` } };
  return { value };
}

/** openstack/<version>/*.json: cloud-init rejects the whole drive when any of them does not load. */
export function parseJsonFile(bytes: Uint8Array, file: string): { readonly value?: unknown; readonly warning?: SeedWarning } {
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') {
    return { warning: { code: 'invalid-json', file, message: `${file} is empty: cloud-init rejects the whole config drive (omit the file instead)` } };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      warning: { code: 'invalid-json', file, message: `${file} is not valid JSON (${(error as Error).message}): cloud-init rejects the whole config drive` },
    };
  }
}
