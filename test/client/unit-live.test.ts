import { describe, expect, it } from 'vitest';
import { loginLocation, mayFile, workspaceAccess } from '../../client/src/views/unit/access.ts';
import { createRefreshTimer } from '../../client/src/views/unit/refresh-timer.ts';
import { workspaceUrl } from '../../client/src/views/unit/use-workspace.ts';
import messages from '../../client/src/views/unit/i18n.ts';

/** A hand-driven clock and timer queue. */
function fakeClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 0;
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      timers = timers.filter((t) => t.id !== id);
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await Promise.resolve();
        await Promise.resolve();
      }
      now = end;
    },
    pending: () => timers.length,
  };
}

describe('who may open a unit workspace', () => {
  it('sends visitors to sign in, refuses other units, lets leaders and admins in', () => {
    expect(workspaceAccess(null, false, 'u1')).toBe('login');
    expect(workspaceAccess({ role: 'public' }, false, 'u1')).toBe('login');
    expect(workspaceAccess({ role: 'unit', unit: 'u1' }, true, 'u1')).toBe('ok');
    expect(workspaceAccess({ role: 'unit', unit: 'u2' }, true, 'u1')).toBe('refused');
    expect(workspaceAccess({ role: 'leader' }, true, 'u1')).toBe('ok');
    expect(workspaceAccess({ role: 'admin' }, true, 'u1')).toBe('ok');
    expect(workspaceAccess({ role: 'reporter' }, true, 'u1')).toBe('refused');
    expect(loginLocation('/unit/u1?period=m02')).toEqual({ path: '/login', query: { next: '/unit/u1?period=m02' } });
  });

  it('lets the unit itself and admins file appeals, not leaders', () => {
    expect(mayFile({ role: 'unit', unit: 'u1' }, 'u1')).toBe(true);
    expect(mayFile({ role: 'unit', unit: 'u2' }, 'u1')).toBe(false);
    expect(mayFile({ role: 'admin' }, 'u1')).toBe(true);
    expect(mayFile({ role: 'leader' }, 'u1')).toBe(false);
  });

  it('asks for the workspace of a unit and period', () => {
    expect(workspaceUrl('town-01', null)).toBe('/api/units/town-01/workspace');
    expect(workspaceUrl('a/b', 'm 1')).toBe('/api/units/a%2Fb/workspace?period=m%201');
  });
});

describe('live refresh timing', () => {
  function setup() {
    const clock = fakeClock();
    let runs = 0;
    let release: (() => void) | null = null;
    let hold = false;
    const run = () => {
      runs++;
      return hold ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    };
    const timer = createRefreshTimer(run, { soonMs: 200, minGapMs: 3000, ...clock });
    return { clock, timer, runs: () => runs, holdNext: () => (hold = true), release: () => ((hold = false), release?.()) };
  }

  it('refetches soon after unit news, collecting a burst into one fetch', async () => {
    const s = setup();
    s.timer.request(true);
    s.timer.request(true);
    await s.clock.advance(199);
    expect(s.runs()).toBe(0);
    await s.clock.advance(1);
    expect(s.runs()).toBe(1);
  });

  it('refetches for standings patches at most every minGap', async () => {
    const s = setup();
    s.timer.loaded();
    for (let i = 0; i < 20; i++) {
      s.timer.request(false);
      await s.clock.advance(100);
    }
    // 2 s of patches after a load: nothing yet; the one fetch comes 3 s after the load.
    expect(s.runs()).toBe(0);
    await s.clock.advance(1000);
    expect(s.runs()).toBe(1);
  });

  it('unit news overtakes a waiting patch refetch', async () => {
    const s = setup();
    s.timer.loaded();
    s.timer.request(false);
    s.timer.request(true);
    await s.clock.advance(200);
    expect(s.runs()).toBe(1);
    expect(s.clock.pending()).toBe(0);
  });

  it('news during a fetch gives exactly one more fetch afterwards', async () => {
    const s = setup();
    s.holdNext();
    s.timer.request(true);
    await s.clock.advance(200);
    expect(s.runs()).toBe(1);
    s.timer.request(false);
    s.timer.request(true);
    s.release();
    await Promise.resolve();
    await Promise.resolve();
    await s.clock.advance(200);
    expect(s.runs()).toBe(2);
    await s.clock.advance(10_000);
    expect(s.runs()).toBe(2);
  });

  it('does nothing once stopped', async () => {
    const s = setup();
    s.timer.request(true);
    s.timer.stop();
    s.timer.request(true);
    await s.clock.advance(5000);
    expect(s.runs()).toBe(0);
  });
});

describe('unit workspace messages', () => {
  type Tree = { [k: string]: string | Tree };
  const get = (tree: Tree, key: string): unknown => key.split('.').reduce<unknown>((o, p) => (o as Tree | undefined)?.[p], tree);

  it('has every key the view logic produces, in both languages', () => {
    const keys = [
      ...['vetoed', 'noRank', 'leader', 'tiedFirst', 'tied', 'above', 'aboveNamed', 'toLeader', 'leaderNamed'].map((k) => `unit.gap.${k}`),
      ...['submitted', 'under_review', 'accepted', 'partial', 'rejected', 'clarified'].map((k) => `unit.status.${k}`),
      ...['indicator', 'valueRequired', 'valueNumber', 'valueLong', 'valueSame', 'target', 'questions', 'text', 'tooLong', 'tooManyFiles'].map((k) => `unit.form.err.${k}`),
      ...['indicatorValue', 'indicator', 'deduction', 'veto', 'unknown', 'none'].map((k) => `unit.target.${k}`),
      ...['badType', 'tooBig', 'empty'].map((k) => `unit.evidence.${k}`),
      ...['active', 'revoked', 'waived', 'partlyWaived', 'cleared'].map((k) => `unit.adjState.${k}`),
      ...['connecting', 'live', 'syncing', 'reconnecting'].map((k) => `unit.conn.${k}`),
      ...['up', 'down', 'same'].map((k) => `unit.change.${k}`),
      'unit.actor.filer',
      'unit.actor.orgDept',
    ];
    for (const locale of ['zh-CN', 'en'] as const) for (const k of keys) expect(typeof get(messages[locale] as Tree, k), `${locale} ${k}`).toBe('string');
  });

  it('is Chinese by default', () => {
    expect(get(messages['zh-CN'] as Tree, 'unit.gap.aboveNamed')).toBe('落后上一名（{unit}）{points} 分');
  });
});

describe('unit workspace: user text is text', () => {
  it('never renders HTML from data (no v-html, no innerHTML) in its components', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve('client/src/views/unit');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.vue') || f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(path.join(root, f), 'utf8'), f).not.toMatch(/v-html|innerHTML|insertAdjacentHTML/);
  });
});
