// Packs a folder into an iso9660 image with the built native writer, as `xorrisofs -R -J DIR`
// would: reads every file into a FileTree and streams the image to its file through the same
// atomic write the CLI uses (encodeIso9660Chunks: the image is never assembled in memory).
// Plain JavaScript under plain node so that GNU time's peak RSS is the writer's, not a
// TypeScript loader's. Run by large-payload.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, folder, output] = process.argv.slice(2);
const load = (module) => import(pathToFileURL(join(dist, module)).href);
const [{ encodeIso9660Chunks }, { writeFileAtomic }] = await Promise.all([load('pack/iso9660/index.js'), load('output/atomic-write.js')]);

const tree = new Map();
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  const bytes = readFileSync(path);
  tree.set(relative(folder, path), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
await writeFileAtomic(output, encodeIso9660Chunks(tree, { label: 'cidata', epoch: 1577836800 }), { force: true });
