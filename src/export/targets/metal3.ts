/**
 * `metal3`: the Secrets a BareMetalHost references in `spec.userData`, `spec.networkData` and
 * `spec.metaData`, with the keys the baremetal-operator reads (`userData`, `networkData`,
 * `metaData`). The operator hands them to Ironic as a JSON config drive, so the files are those
 * of a config-2 seed: user_data, network_data.json, meta_data.json.
 */
import { renderModel } from '../../seed.js';
import type { Exporter } from '../types.js';
import { textExport, textOf } from './common.js';
import { resourceName, secretDocument, yamlStream } from './kubernetes.js';

const LATEST = 'openstack/latest';

export const exportMetal3: Exporter = (model, options) => {
  const { files } = renderModel(model);
  const name = resourceName(model, options);
  const metaData = JSON.parse(textOf(files, `${LATEST}/meta_data.json`)!) as Record<string, unknown>;
  const warnings: string[] = [];
  if (model.files.length > 0) {
    warnings.push(`the baremetal-operator passes no injected files to Ironic: the ${model.files.length} file(s) under files: are dropped (use write_files)`);
    delete metaData['files'];
  }
  if (model.vendorData !== undefined) warnings.push('a BareMetalHost has no vendor data: vendor_data is dropped');
  const networkData = textOf(files, `${LATEST}/network_data.json`);
  const secrets: { field: string; name: string; value: string | Uint8Array }[] = [
    { field: 'userData', name: `${name}-user-data`, value: files.get(`${LATEST}/user_data`)! },
    ...(networkData === undefined ? [] : [{ field: 'networkData', name: `${name}-network-data`, value: networkData }]),
    { field: 'metaData', name: `${name}-meta-data`, value: `${JSON.stringify(metaData, null, 2)}\n` },
  ];
  const header = [
    '# Secrets for a BareMetalHost; reference them in its spec:',
    ...secrets.map((secret) => `#   ${secret.field}: {name: ${secret.name}}`),
  ].join('\n');
  return {
    files: [textExport('metal3-secrets.yaml', `${header}\n${yamlStream(secrets.map((secret) => secretDocument(secret.name, { [secret.field]: secret.value })))}`)],
    warnings,
    notes: [
      `kubectl apply -n NAMESPACE -f FILE, then set the BareMetalHost's ${secrets.map((secret) => `spec.${secret.field}.name: ${secret.name}`).join(', ')}`,
    ],
  };
};
