#!/usr/bin/env node
// `npm run dev`: the API server (restarted on change by tsx watch) and the vite dev server, which
// proxies /api and /socket.io to it (vite.config.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/index.ts'], { cwd: root, stdio: 'inherit', env: { PORT: '3000', ...process.env } }),
  spawn(bin('vite'), [], { cwd: root, stdio: 'inherit', env: process.env }),
];
const stop = (sig) => children.forEach((c) => c.exitCode === null && c.kill(sig));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig));
for (const c of children) c.on('exit', (code) => (stop('SIGTERM'), process.exit(code ?? 0)));
