/**
 * `npx tsx server/cli/export-demo.ts <dir> [--seed N] [--year YYYY] [--month M]`: writes the demo
 * county as files — `demo.scheme.json` and `demo.events.jsonl` (log events with seq, at, actor) —
 * for `npm run score`, imports and benchmarks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDemoCounty } from '../demo/county.ts';
import type { DemoOptions } from '../demo/county.ts';

/** The two files' contents. */
export function demoFiles(opts: DemoOptions): { scheme: string; events: string } {
  const { scheme, history } = makeDemoCounty(opts);
  const events = history.map((e, i) => JSON.stringify({ seq: i + 1, at: e.at, actor: e.actor, ...e.body })).join('\n') + '\n';
  return { scheme: JSON.stringify(scheme, null, 2) + '\n', events };
}

function main(args: string[]): number {
  const opts: DemoOptions = { seed: 2026, year: 2026, throughMonth: 12 };
  let dir: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const num = () => Number(args[++i]);
    if (a === '--seed') opts.seed = num();
    else if (a === '--year') opts.year = num();
    else if (a === '--month') opts.throughMonth = num();
    else if (a === '-h' || a === '--help') dir = null;
    else if (!a.startsWith('-')) dir = a;
  }
  if (!dir || !Number.isInteger(opts.seed) || !Number.isInteger(opts.year) || !(opts.throughMonth >= 1 && opts.throughMonth <= 12)) {
    process.stderr.write('用法 / usage: npx tsx server/cli/export-demo.ts <目录 dir> [--seed N] [--year YYYY] [--month 1-12]\n');
    return 2;
  }
  const files = demoFiles(opts);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'demo.scheme.json'), files.scheme);
  writeFileSync(join(dir, 'demo.events.jsonl'), files.events);
  process.stdout.write(`wrote ${join(dir, 'demo.scheme.json')} and ${join(dir, 'demo.events.jsonl')}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
