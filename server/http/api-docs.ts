/**
 * `/api/docs`: the API reference in Swagger UI, served from the installed swagger-ui-dist package
 * (no CDN) with its start-up in a script file of its own, as the CSP forbids inline scripts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const uiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const initFile = path.join(import.meta.dirname, 'docs', 'init.js');

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Saima 赛马 API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<noscript>The reference needs JavaScript; the document itself is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</noscript>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'];

export function apiDocsRouter(): Router {
  const router = express.Router();
  router.get('/api/docs', (_req, res) => void res.type('html').send(PAGE));
  router.get('/api/docs/init.js', (_req, res) => void res.type('js').sendFile(initFile));
  for (const name of ASSETS) {
    router.get(`/api/docs/${name}`, (_req, res) => void res.sendFile(path.join(uiDir, name), { maxAge: '1d' }));
  }
  return router;
}
