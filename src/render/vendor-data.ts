import { toCloudConfig } from './yaml11.js';

/** Vendor data as cloud-init reads it: a raw user-data string as given, or a mapping as #cloud-config. */
export function renderVendorDataText(vendorData: Readonly<Record<string, unknown>> | string): string {
  return typeof vendorData === 'string' ? vendorData : toCloudConfig({ ...vendorData });
}
