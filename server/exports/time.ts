/**
 * Times in reports: in the configured IANA zone (SAIMA_TZ, default Asia/Shanghai), written with
 * their offset ("2026-12-03 21:30 +08:00") — never in UTC notation.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** True when `tz` is an IANA zone name this runtime knows. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The zone to use: `tz` when given (throws a clear error when it is not a zone), else the default. */
export function reportTimeZone(tz: string | undefined): string {
  if (tz === undefined || tz === '') return DEFAULT_TIME_ZONE;
  if (!isTimeZone(tz)) throw new Error(`SAIMA_TZ="${tz}" is not an IANA time zone name (for example Asia/Shanghai)`);
  return tz;
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  offset: string;
}

function parts(d: Date, tz: string): Parts {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' });
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  // "GMT+08:00", or "GMT" at offset zero.
  const off = String(p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, offset: off };
}

/** "2026-12-03 21:30 +08:00" (with "（北京时间）" in Asia/Shanghai). */
export function formatTime(d: Date, tz: string): string {
  const p = parts(d, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.offset}${tz === 'Asia/Shanghai' ? '（北京时间）' : ''}`;
}

/** The calendar day of `d` in `tz`, as YYYY-MM-DD. */
export function dayIn(d: Date, tz: string): string {
  const p = parts(d, tz);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026年12月3日" from YYYY-MM-DD (the date style of official documents). */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
