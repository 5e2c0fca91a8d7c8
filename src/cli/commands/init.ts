/** `cloudseed init [--template NAME]`: print a commented starter spec from the package's templates/. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { info, result, resultJson } from '../terminal.js';

interface InitOptions {
  template: string;
  list?: boolean;
  output?: string;
  force?: boolean;
  json?: boolean;
}

interface Template {
  readonly name: string;
  /** The template's first line, a `# ...` comment, without the `#`. */
  readonly description: string;
  readonly path: string;
}

export const DEFAULT_TEMPLATE = 'minimal';
const TEMPLATE_SUFFIX = '.yaml';
/** src/cli/commands/ under tsx, dist/cli/ or dist/cli/chunks/ once bundled: the package root is 2 or 3 levels up. */
const MAX_DEPTH = 4;

/** The package's templates/ folder: the first ancestor of this module that holds package.json and templates/. */
export async function findTemplatesDir(): Promise<string> {
  const { existsSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    dir = dirname(dir);
    const candidate = join(dir, 'templates');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
  }
  throw new UsageError('cannot find the templates/ folder of the cloudseed package (is the installation complete?)');
}

/** Every template, sorted by name. */
export async function listTemplates(): Promise<Template[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const dir = await findTemplatesDir();
  const names = (await readdir(dir)).filter((file) => file.endsWith(TEMPLATE_SUFFIX)).sort();
  return Promise.all(
    names.map(async (file) => {
      const path = join(dir, file);
      const firstLine = (await readFile(path, 'utf8')).split('\n', 1)[0] ?? '';
      return { name: file.slice(0, -TEMPLATE_SUFFIX.length), description: firstLine.replace(/^#\s*/, ''), path };
    }),
  );
}

/** Owner-only, like images: a spec is where passwords and hashes go once it is filled in. */
async function writeOutput(path: string, text: string, force: boolean): Promise<void> {
  const { writeFileAtomic } = await import('../../output/atomic-write.js');
  await writeFileAtomic(path, new TextEncoder().encode(text), { force });
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('print a commented starter spec (a template) to edit')
    .option('-t, --template <name>', 'template to start from (see --list)', DEFAULT_TEMPLATE)
    .option('--list', 'list the templates with a one-line description')
    .option('-o, --output <file>', 'write the spec to a file instead of stdout')
    .option('--force', 'replace an existing output file')
    .option('--json', 'print results as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ cloudseed init > spec.yaml
  $ cloudseed init --list
  $ cloudseed init --template password-login -o spec.yaml
  $ cloudseed init --template static-ip > web01.yaml && cloudseed build web01.yaml -o seed.iso`,
    )
    .action(async (options: InitOptions) => {
      const templates = await listTemplates();
      if (options.list) {
        if (options.json) resultJson(templates.map(({ name, description }) => ({ name, description })));
        else {
          const width = Math.max(...templates.map((t) => t.name.length));
          result(templates.map((t) => `${t.name.padEnd(width)}  ${t.description}`).join('\n'));
        }
        return;
      }
      const template = templates.find((t) => t.name === options.template);
      if (template === undefined) {
        throw new UsageError(`unknown template '${options.template}'; choose one of: ${templates.map((t) => t.name).join(', ')}`);
      }
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(template.path, 'utf8');
      if (options.output === undefined) {
        if (options.json) resultJson({ template: template.name, description: template.description, spec: text });
        else result(text);
        return;
      }
      await writeOutput(options.output, text, options.force ?? false);
      if (options.json) resultJson({ template: template.name, description: template.description, output: options.output });
      else info(`wrote ${options.output} (template ${template.name})`);
    });
}
