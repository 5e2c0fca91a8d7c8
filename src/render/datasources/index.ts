/**
 * The datasource registry: one line per datasource, re-exporting the entry its file defines
 * (name, labels, title, renderer). A new datasource is a file in this folder and a line here.
 */
export { configdrive } from './configdrive.js';
export { nocloud } from './nocloud.js';
export { ovirt } from './ovirt.js';
