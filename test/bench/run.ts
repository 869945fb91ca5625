/**
 * Benchmark dispatcher: `npm run bench -- <engine|live|screen> [scenario…]`. Each benchmark prints
 * one JSON line per scenario with its baseline measured in the same run.
 */
import { runEngine } from './engine.ts';
import type { BenchSize } from './fixtures.ts';

const [which = 'engine', ...rest] = process.argv.slice(2);

async function main(): Promise<void> {
  if (which === 'engine') {
    const sizes = (rest.length ? rest : ['county', 'province']) as BenchSize[];
    for (const s of sizes) if (s !== 'county' && s !== 'province') throw new Error(`unknown scenario ${s}: county | province`);
    return runEngine(sizes);
  }
  if (which === 'live') {
    const { runLive } = await import('./live.ts');
    return runLive();
  }
  if (which === 'screen') {
    const { runScreen } = await import('./screen.ts');
    return runScreen();
  }
  throw new Error(`unknown benchmark "${which}": engine | live | screen`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
