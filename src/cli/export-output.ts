/** Where `cloudseed export` writes: -o, or the target's default; stdout only for one-file targets. */
import { UsageError } from '../errors.js';
import { exportTargetInfo, type ExportTargetName } from '../export/targets.js';

export function targetDefaults(target: ExportTargetName, output: string | undefined): string {
  const info = exportTargetInfo(target);
  if (output === '-' && info.layout === 'folder') {
    throw new UsageError(`--to ${target} writes several files: -o must name a folder, not -`);
  }
  return output ?? info.defaultOutput;
}
