/**
 * network_data.json and vendor_data.json: each written only when the spec gives something for it,
 * and never as an empty document (cloud-init rejects a whole drive whose JSON does not parse, and
 * cloud-init 0.7.9 fails its init on an empty network_data.json, as oVirt's engine notes).
 */
import type { InstanceModel } from '../../model/types.js';
import { renderNetworkData } from '../network/network-data.js';
import { isEmptyJson, toStableJson } from './json.js';
import { buildVendorDataJson } from './vendor-data.js';

/** [file name, JSON text] pairs for one `openstack/<version>/` folder. */
export function renderOptionalJsonFiles(model: InstanceModel): [string, string][] {
  const documents: [string, unknown][] = [];
  if (model.network !== undefined) documents.push(['network_data.json', renderNetworkData(model.network)]);
  if (model.vendorData !== undefined) documents.push(['vendor_data.json', buildVendorDataJson(model.vendorData)]);
  return documents.filter(([, value]) => !isEmptyJson(value)).map(([name, value]) => [name, toStableJson(value)]);
}
