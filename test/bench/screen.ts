/** `npm run bench -- screen`: the wall-display frame-time benchmark (driver in test/e2e). */
export { runScreen } from '../e2e/bench-screen.ts';
