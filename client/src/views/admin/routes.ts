/**
 * The console's pages. `roles` says who may open each (the server checks every request again);
 * scheme and people pages live in config/, data, review, publish, exports and audit in ops/.
 */
import type { RouteRecordRaw } from 'vue-router';

export interface AdminPage {
  path: string;
  /** Key under `admin.` in the messages. */
  label: string;
  roles: string[];
  component: RouteRecordRaw['component'];
}

export const adminPages: AdminPage[] = [
  { path: 'review', label: 'review', roles: ['admin', 'leader'], component: () => import('./ops/ReviewPage.vue') },
  { path: 'data', label: 'data', roles: ['admin', 'reporter'], component: () => import('./ops/DataPage.vue') },
  { path: 'scheme', label: 'scheme', roles: ['admin', 'leader'], component: () => import('./config/SchemePage.vue') },
  { path: 'org', label: 'org', roles: ['admin'], component: () => import('./config/OrgPage.vue') },
  { path: 'publish', label: 'publish', roles: ['admin', 'leader'], component: () => import('./ops/PublishPage.vue') },
  { path: 'exports', label: 'exports', roles: ['admin', 'leader'], component: () => import('./ops/ExportsPage.vue') },
  { path: 'audit', label: 'audit', roles: ['admin'], component: () => import('./ops/AuditPage.vue') },
];

/** The first page a role may open, or null when it may open none. */
export function homeFor(role: string | undefined): string | null {
  const page = adminPages.find((p) => role !== undefined && p.roles.includes(role));
  return page ? `/admin/${page.path}` : null;
}

export const adminChildren: RouteRecordRaw[] = adminPages.map((p) => ({
  path: p.path,
  name: `admin-${p.path}`,
  component: p.component!,
  meta: { roles: p.roles },
}));
