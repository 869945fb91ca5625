# syntax=docker/dockerfile:1
# Saima: build the web client and the native modules, then run on a slim image as a non-root user.
#   docker build -t saima .
#   docker run -p 3000:3000 -v saima-data:/data saima          (SQLite in the volume)
# With PostgreSQL and nginx in front: compose.yaml.

ARG NODE_IMAGE=node:20.20.2-bookworm

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The lockfile's format and package.json's allowScripts need npm 11.
RUN npm install --global npm@11.19.1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE}-slim AS runtime
# The PDF reports are set in Noto CJK; backups of PostgreSQL need pg_dump (bookworm: 15, as in compose.yaml).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SAIMA_DATA_DIR=/data \
    SAIMA_DEMO=off
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/server ./server
COPY --from=build --chown=root:root /app/shared ./shared
# The code stays root-owned and read-only to the server; only /data is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "server/index.ts"]
