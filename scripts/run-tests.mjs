// Runs node:test over every *.test.ts under the given folders (Node 20's --test has no glob).
import { spawnSync } from 'node:child_process';
import fg from 'fast-glob';

const roots = process.argv.slice(2);
const patterns = (roots.length ? roots : ['test']).map((root) =>
  root.endsWith('.ts') ? root : `${root.replace(/\/$/, '')}/**/*.test.ts`,
);
// Suites with their own npm scripts run only when asked for by name: the end-to-end suite boots
// guests (npm run test:e2e); the packed-package suite packs, installs and fetches Node runtimes
// (npm run test:package).
const separate = ['test/e2e', 'test/package'];
const ignore = ['**/node_modules/**', ...separate.filter((suite) => !roots.some((root) => root.startsWith(suite))).map((suite) => `${suite}/**`)];
const files = (await fg(patterns, { ignore })).sort();
if (files.length === 0) {
  console.error(`no test files match ${patterns.join(' ')}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
// NODE_EXTRA_CA_CERTS makes every Node process parse those certificates as it starts, some 40 ms
// each with a system bundle; the suite starts hundreds of Node processes and reaches no TLS server.
const { NODE_EXTRA_CA_CERTS: _unused, ...env } = process.env;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
