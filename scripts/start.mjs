#!/usr/bin/env node
// `npm start`: build the client once if dist/client is missing, then run the server with tsx.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

if (!existsSync(path.join(root, 'dist', 'client', 'index.html'))) {
  console.log('[saima] dist/client is missing: building the client (vite build)…');
  const built = spawnSync(bin('vite'), ['build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('[saima] the client build failed; starting the API without the web client');
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], { cwd: process.cwd(), stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
