/**
 * vendor_data.json. cloud-init loads it as JSON and passes it through
 * `sources.convert_vendordata`: a string is used as vendor-data as is, and a dict is replaced by its
 * `cloud-init` entry, which must itself be a string or a list (a dict there is rejected). Nova's
 * vendordata providers answer with a dict, so we write `{"cloud-init": "<vendor-data text>"}`: the
 * documented form, read the same way by every cloud-init since 0.7.x.
 */
import { renderVendorDataText } from '../vendor-data.js';

export function buildVendorDataJson(vendorData: Readonly<Record<string, unknown>> | string): Record<string, unknown> {
  return { 'cloud-init': renderVendorDataText(vendorData) };
}
