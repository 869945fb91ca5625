/** Routes: the wall display, the public board and the cadre rankings. */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/screen' },
  { path: '/screen', name: 'screen', component: () => import('./views/ScreenView.vue'), meta: { bare: true } },
  { path: '/board', name: 'board', component: () => import('./views/BoardView.vue') },
  { path: '/cadres', name: 'cadres', component: () => import('./views/CadresView.vue') },
  // Benchmark page for `npm run bench -- screen` (not linked).
  { path: '/bench/screen', name: 'bench', component: () => import('./views/BenchView.vue'), meta: { bare: true } },
  // Unit details and administration belong to other modules; until they land, say so plainly.
  { path: '/unit/:id', name: 'unit', component: () => import('./views/NotAvailable.vue') },
  { path: '/admin/:rest(.*)*', name: 'admin', component: () => import('./views/NotAvailable.vue') },
  { path: '/:rest(.*)*', name: 'missing', component: () => import('./views/NotAvailable.vue') },
];

export function makeRouter() {
  return createRouter({ history: createWebHistory(), routes });
}
