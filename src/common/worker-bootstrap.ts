/**
 * Worker threads find their code by the URL of the module that starts them: src/ (tsx), dist/
 * (tsc), or a chunk of the bundled CLI, whose name is a hash. Such a module is also the worker's
 * entry point: loaded in a thread whose workerData marks it, it starts serving.
 */

/** The code for `new Worker(code, { eval: true })` that loads the module at `moduleUrl`. */
export function workerBootstrapCode(moduleUrl: string): string {
  const loadModule = `import(${JSON.stringify(moduleUrl)})`;
  if (!moduleUrl.endsWith('.ts')) return loadModule;
  // From source: on Node 20 a worker does not inherit tsx's loader hooks, so it registers them.
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return ${loadModule}; })`;
}
