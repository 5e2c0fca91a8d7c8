/** Kubernetes Secrets for the metal3 and kubevirt targets. */
import type { InstanceModel } from '../../model/types.js';
import { toYaml11 } from '../../render/yaml11.js';
import type { ExportOptions } from '../types.js';
import { base64 } from './common.js';

const encoder = new TextEncoder();

/**
 * The base name of the objects: --name, else the host name as a DNS-1123 label (lowercase,
 * other characters to '-'), which Secret names must be.
 */
export function resourceName(model: InstanceModel, options: ExportOptions): string {
  if (options.name !== undefined) return options.name;
  const label = model.hostname.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50);
  return label === '' ? 'seed' : label;
}

/** A Secret whose values are base64 in `data`, as `kubectl get -o yaml` shows them. */
export function secretDocument(name: string, data: Readonly<Record<string, string | Uint8Array>>): string {
  return toYaml11({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'cloudseed' } },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, base64(typeof value === 'string' ? encoder.encode(value) : value)])),
  });
}

/** Several YAML documents in one stream. */
export function yamlStream(documents: readonly string[]): string {
  return documents.map((document) => `---\n${document.endsWith('\n') ? document : `${document}\n`}`).join('');
}
