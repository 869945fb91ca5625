/** Routes: the wall display, the public board, cadre rankings, the unit workspace and the console. */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { adminChildren } from './views/admin/routes.ts';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/screen' },
  { path: '/screen', name: 'screen', component: () => import('./views/ScreenView.vue'), meta: { bare: true } },
  { path: '/board', name: 'board', component: () => import('./views/BoardView.vue') },
  { path: '/cadres', name: 'cadres', component: () => import('./views/CadresView.vue') },
  // Benchmark page for `npm run bench -- screen` (not linked).
  { path: '/bench/screen', name: 'bench', component: () => import('./views/BenchView.vue'), meta: { bare: true } },
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue') },
  { path: '/unit/:id', name: 'unit', component: () => import('./views/unit/UnitWorkspace.vue') },
  { path: '/admin', name: 'admin', component: () => import('./views/admin/AdminLayout.vue'), children: adminChildren },
  { path: '/:rest(.*)*', name: 'missing', component: () => import('./views/NotAvailable.vue') },
];

export function makeRouter() {
  return createRouter({ history: createWebHistory(), routes });
}
