/**
 * First start with an empty data directory: the demo county (SPEC §9) with its history, demo
 * accounts for every role and a display link; later starts only restart the feeder.
 */
import { makeDemoCounty } from '../demo/county.ts';
import { createFeeder, type Feeder } from '../demo/feeder.ts';
import type { App } from '../app.ts';
import { readSetting, writeSetting } from '../storage/users-repo.ts';
import { readAllEvents } from '../storage/events-repo.ts';

export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'admin-demo-password', role: 'admin', label: '组织部管理员 admin', displayName: '组织部管理员' },
  { username: 'leader', password: 'leader-demo-password', role: 'leader', label: '领导 leader', displayName: '县委领导' },
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
    await app.users.createUser({ username: a.username, password: a.password, role: a.role, displayName: a.displayName }, 'demo');
    accounts.push({ username: a.username, password: a.password, label: a.label });
  }
  const town = scheme.groups[0]?.units[0];
  if (town) {
    const townName = scheme.units.find((u) => u.id === town)?.name ?? town;
    const user = await app.users.createUser({ username: 'unit', password: 'unit-demo-password', role: 'unit', unit: town, displayName: `${townName}联络员` }, 'demo');
    accounts.push({ username: 'unit', password: 'unit-demo-password', label: `单位 ${scheme.units.find((u) => u.id === town)?.name ?? town}` });
    await seedCases(app, town, user.id, now);
  }
  const owner = scheme.tracks.flatMap((t) => t.indicators).find((i) => i.owner)?.owner;
  if (owner) {
    await app.users.createUser({ username: 'reporter', password: 'reporter-demo-password', role: 'reporter', department: owner, displayName: `${scheme.units.find((u) => u.id === owner)?.name ?? owner}报送员` }, 'demo');
    accounts.push({ username: 'reporter', password: 'reporter-demo-password', label: `报送单位 ${owner}` });
  }
  const { token } = await app.tokens.create('display', '演示大屏 demo wall display', null, 'demo');
  // Demo only: kept so later starts can print the same display link again.
  await writeSetting(app.storage.db, 'demo', { accounts, displayToken: token });
  return { accounts, displayToken: token };
}

/**
 * The working side is not empty on first start: the demo town has feedback from the organization
 * department and a 容错 application waiting on its latest deduction; a neighbour's data objection
 * was rejected with a reason.
 */
async function seedCases(app: App, town: string, filer: string, now: Date): Promise<void> {
  const scheme = app.race.scheme()!;
  const period = scheme.season.currentPeriod ?? scheme.season.periods[0]!.id;
  const periodName = scheme.season.periods.find((p) => p.id === period)?.name ?? period;
  await app.feedback.add(town, { period, text: `${periodName}赛马：乡村振兴赛道失分主要集中在粮食生产和村集体经济收入，请对照短板制定整改措施，月底前报组织部。` }, '组织部');
  const events = await readAllEvents(app.storage.db);
  // Deductions already revoked or decided on are not open to a 容错 application.
  const settled = new Set<string>();
  for (const e of events) {
    if (e.type === 'adjustment:revoked') settled.add(e.data.id);
    if (e.type === 'waiver:decided') settled.add(e.data.target);
  }
  const open = events.filter((e) => e.type === 'adjustment:recorded' && e.data.unit === town && e.data.kind === 'deduction' && !settled.has(e.data.id)).at(-1);
  let deduction = open?.type === 'adjustment:recorded' ? open.data : null;
  if (!deduction) {
    // No open deduction in the history so far: the month's 督查 finds one.
    const track = scheme.groups.find((g) => g.units.includes(town))?.tracks[0];
    if (!track) return;
    deduction = { id: 'demo-deduction-1', period, unit: town, track, kind: 'deduction', points: 1.5, reason: '重点项目进度滞后被县委督查室通报', evidence: [] };
    await app.race.submit('demo', [{ body: { type: 'adjustment:recorded', data: deduction } }]);
  }
  await app.appeals.file(
    {
      unit: town,
      kind: 'tolerance',
      period: deduction.period,
      target: { adjustment: deduction.id },
      text: '该项工作属于首次试行的改革探索，推进中因上级政策调整导致进度滞后，未谋取任何私利，已及时整改。',
      questions: { exploratory: true, notProhibited: true, publicInterest: true, notes: '县委改革办备案的试点项目' },
      evidence: [],
    },
    filer,
  );
  const neighbour = scheme.groups[0]?.units[1];
  const track = scheme.tracks.find((t) => scheme.groups[0]?.tracks.includes(t.id));
  const indicator = track?.indicators.find((i) => i.method.kind !== 'grade' && i.method.kind !== 'deduct');
  if (neighbour && indicator) {
    const filed = await app.appeals.file(
      { unit: neighbour, kind: 'objection', period, target: { indicator: indicator.code }, text: `「${indicator.name}」报送数据未计入本月新增部分，请核实。`, evidence: [], proposedValue: null },
      'demo',
    );
    await app.appeals.decide(filed.id, { status: 'rejected', reference: `组赛〔${now.getUTCFullYear()}〕3号`, decision: '经与数据报送部门核对，新增部分按规定计入下月，原数据无误。' }, 'demo');
  }
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
