/** The scoring engine: pure, deterministic, no I/O, no clock. Runs on the server and in the browser. */
export { IncrementalEngine } from './engine.ts';
export { createEngine, EraEngine } from './era-engine.ts';
export { computeStandings, standingsFromFacts } from './reference.ts';
export { diffStandings } from './diff-builder.ts';
export { compile } from './compile.ts';
export { fx, unfx, SCALE } from './fixed.ts';
export { methodImpl } from './methods/index.ts';
export type * from './types.ts';
