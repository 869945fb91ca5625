/**
 * First start with an empty data directory: the demo county (SPEC §9) with its history, demo
 * accounts for every role and a display link; later starts only restart the feeder.
 */
import { makeDemoCounty } from '../demo/county.ts';
import { createFeeder, type Feeder } from '../demo/feeder.ts';
import type { App } from '../app.ts';
import { readSetting, writeSetting } from '../storage/users-repo.ts';

export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'admin-demo-password', role: 'admin', label: '组织部管理员 admin' },
  { username: 'leader', password: 'leader-demo-password', role: 'leader', label: '领导 leader' },
] as const;

export interface DemoInfo {
  accounts: Array<{ username: string; password: string; label: string }>;
  displayToken: string | null;
}

/** Seeds the demo county and accounts; returns what to print. */
export async function seedDemo(app: App, now: Date): Promise<DemoInfo> {
  const county = makeDemoCounty({ seed: 2026, year: now.getUTCFullYear(), throughMonth: now.getUTCMonth() + 1, now: now.getTime() });
  const { scheme } = county;
  await app.race.submit('demo', [{ body: { type: 'scheme:changed', data: { scheme } }, at: county.history[0]?.at, actor: 'demo' }]);
  // One submission: checked in order against one scratch engine, committed in one transaction.
  await app.race.submit('demo', county.history.map((e) => ({ body: e.body, at: e.at, actor: e.actor })));
  const accounts: DemoInfo['accounts'] = [];
  for (const a of DEMO_ACCOUNTS) {
    await app.users.createUser({ username: a.username, password: a.password, role: a.role }, 'demo');
    accounts.push(a);
  }
  const town = scheme.groups[0]?.units[0];
  if (town) {
    await app.users.createUser({ username: 'unit', password: 'unit-demo-password', role: 'unit', unit: town }, 'demo');
    accounts.push({ username: 'unit', password: 'unit-demo-password', label: `单位 ${scheme.units.find((u) => u.id === town)?.name ?? town}` });
  }
  const owner = scheme.tracks.flatMap((t) => t.indicators).find((i) => i.owner)?.owner;
  if (owner) {
    await app.users.createUser({ username: 'reporter', password: 'reporter-demo-password', role: 'reporter', department: owner }, 'demo');
    accounts.push({ username: 'reporter', password: 'reporter-demo-password', label: `报送单位 ${owner}` });
  }
  const { token } = await app.tokens.create('display', '演示大屏 demo wall display', null, 'demo');
  // Demo only: kept so later starts can print the same display link again.
  await writeSetting(app.storage.db, 'demo', { accounts, displayToken: token });
  return { accounts, displayToken: token };
}

export async function demoInfo(app: App): Promise<DemoInfo | null> {
  return ((await readSetting(app.storage.db, 'demo')) as DemoInfo | undefined) ?? null;
}

/** Keeps plausible values arriving for the current period. */
export function startDemoFeeder(app: App, intervalMs = 3000): Feeder | null {
  const scheme = app.race.scheme();
  const period = scheme?.season.currentPeriod ?? scheme?.season.periods[0]?.id;
  if (!scheme || !period) return null;
  const feeder = createFeeder({
    scheme,
    seed: 2026,
    period,
    intervalMs,
    submit: (body) => app.race.submit('demo-feeder', [{ body }]),
  });
  feeder.start();
  return feeder;
}
