/** Who may open which unit workspace (the server checks again: `403 other_unit`). */
import type { SessionUser } from '../../stores/session.ts';

export type Access = 'login' | 'refused' | 'ok';

/** Not signed in → login; a unit user on another unit, or a role with no workspace → refused. */
export function workspaceAccess(user: SessionUser | null, signedIn: boolean, unitId: string): Access {
  if (!signedIn || !user) return 'login';
  if (user.role === 'admin' || user.role === 'leader') return 'ok';
  if (user.role === 'unit') return user.unit === unitId ? 'ok' : 'refused';
  return 'refused';
}

/** Who may file appeals here: the unit itself, or an admin on its behalf (leaders only read). */
export function mayFile(user: SessionUser | null, unitId: string): boolean {
  return user?.role === 'admin' || (user?.role === 'unit' && user.unit === unitId);
}

/** The login page, coming back here afterwards. */
export function loginLocation(fullPath: string): { path: string; query: { next: string } } {
  return { path: '/login', query: { next: fullPath } };
}
