// Packs a folder into an iso9660 image with the built native writer, as `xorrisofs -R -J DIR`
// would: reads every file into a FileTree, writes the image. Plain JavaScript under plain node so
// that GNU time's peak RSS is the writer's, not a TypeScript loader's. Run by large-payload.ts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const [writerModule, folder, output] = process.argv.slice(2);
const { writeIso9660 } = await import(pathToFileURL(writerModule).href);

const tree = new Map();
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  tree.set(relative(folder, path).split('\\').join('/'), new Uint8Array(readFileSync(path).buffer));
}
writeFileSync(output, writeIso9660(tree, { label: 'cidata', epoch: 1577836800 }));
