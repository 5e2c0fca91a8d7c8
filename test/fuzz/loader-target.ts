/**
 * The spec loader's fuzz target: text -> parseSpecText -> validateSpec and buildSeed. A case
 * passes when nothing but a SpecError is thrown and validation agrees with the build: issues
 * found means no image, no issues means an image (unless only the image stage refuses, on the
 * settings it alone checks: label, size, writer, dates, the image's own paths).
 */
import { formatIssues, SpecError, type Issue } from '../../src/errors.js';
import type { FileTree } from '../../src/common/file-tree.js';
import { buildSeed, validateSpec, type SeedOptions } from '../../src/seed.js';
import { parseSpecText } from '../../src/input/load.js';
import { makeSpecCase } from './spec-cases.js';

export type LoaderOutcome = 'unparsed' | 'refused' | 'built';

export interface LoaderResult {
  readonly outcome?: LoaderOutcome;
  /** The seed's files, when it was built: for checkDocuments. */
  readonly files?: FileTree;
  /** Set when the case failed: what went wrong, with the stack for crashes. */
  readonly failure?: string;
}

/** Issue paths only the image stage (src/pack) reports. */
const IMAGE_STAGE_PATHS = /^(image:|label$|size$|writer$|epoch$|SOURCE_DATE_EPOCH$)/;

function crash(error: unknown, where: string): LoaderResult {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { failure: `${where} threw ${error instanceof Error ? error.name : typeof error}, not a SpecError: ${detail}` };
}

function describe(issues: readonly Issue[]): string {
  return formatIssues(issues).split('\n').slice(0, 5).join('; ');
}

export async function runLoaderCase(seed: number): Promise<LoaderResult> {
  const specCase = makeSpecCase(seed);
  let spec: unknown = specCase.kind === 'object' ? specCase.spec : undefined;
  if (specCase.kind === 'text') {
    try {
      spec = parseSpecText(specCase.text, specCase.name);
    } catch (error) {
      return error instanceof SpecError ? { outcome: 'unparsed' } : crash(error, 'parseSpecText');
    }
  }
  const options: SeedOptions = { baseDir: specCase.baseDir, saltSeed: 'fuzz-salt-seed', epoch: 1_600_000_000 };
  let issues: readonly Issue[];
  try {
    ({ issues } = await validateSpec(spec, options));
  } catch (error) {
    return crash(error, 'validateSpec');
  }
  try {
    const built = await buildSeed(spec, options);
    if (issues.length > 0) return { failure: `validateSpec found issues (${describe(issues)}) but buildSeed made an image` };
    if (built.image.length === 0) return { failure: 'buildSeed made an empty image' };
    return { outcome: 'built', files: built.files };
  } catch (error) {
    if (!(error instanceof SpecError)) return crash(error, 'buildSeed');
    if (issues.length === 0 && error.issues.some((issue) => !IMAGE_STAGE_PATHS.test(issue.path))) {
      return { failure: `validateSpec found nothing but buildSeed refused: ${describe(error.issues)}` };
    }
    return { outcome: 'refused' };
  }
}
