/** Cross-site WebSocket hijacking guard: browsers send Origin; it must be our own host or listed. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  // Non-browser clients (reporters' systems, tests) send no Origin; cookies are not at stake there.
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
