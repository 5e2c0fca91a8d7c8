/** Defaults that several stages must agree on. */

/** The oldest cloud-init still in service that seeds must work on by default (Debian 11). */
export const DEFAULT_CLOUD_INIT_VERSION: readonly [number, number] = [20, 4];

/** "22.4" -> [22, 4]; the default when not given. The schema guarantees the shape. */
export function parseCloudInitVersion(text: string | undefined): readonly [number, number] {
  if (text === undefined) return DEFAULT_CLOUD_INIT_VERSION;
  const [major = 0, minor = 0] = text.split('.').map(Number);
  return [major, minor];
}

/** 2020-01-01T00:00:00Z: the timestamp of every file when SOURCE_DATE_EPOCH is not set. */
export const DEFAULT_EPOCH = 1577836800;

/** Where an oVirt payload puts its ENI text (validation and the renderer must agree); cloud-init translates it for non-Debian guests. */
export const OVIRT_ENI_PATH = '/etc/network/interfaces';
