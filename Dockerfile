# syntax=docker/dockerfile:1
# The sync server and the built app in one image: compiled in a build stage, run from a stage with
# production dependencies only, as an unprivileged user. compose.yaml runs two of these behind nginx;
# docs/deployment.md describes the settings.

ARG NODE_IMAGE=node:20-bookworm-slim

# Everything needed to build: all dependencies, then the app (build/) and the server (dist/).
# No install scripts: the package's own `prepare` runs before its sources are copied, and no
# dependency needs its install script (package.json, allowScripts).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies alone, the way the deployment test installs them.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# pg_dump and pg_restore for `node dist/backup.js` and `node dist/restore.js` (docs/operations.md):
# bookworm's client is PostgreSQL 15's, the major version compose.yaml runs, and a client must be
# of the server's major version or newer.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    STATIC_DIR=build \
    MODELS_DIR=/models \
    DATA_DIR=/data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY migrations ./migrations
COPY --from=build /app/dist ./dist
COPY --from=build /app/build ./build
# The image's files stay root's and read-only to the server; it writes only to /data (embedded
# PGlite, when no DATABASE_URL is given). Embedding models are mounted at /models.
RUN mkdir -p /data /models && chown node:node /data
VOLUME ["/data", "/models"]
USER node
EXPOSE 3000
# Ready means the database answers, not only the process: an instance that lost Postgres is
# reported unhealthy until it is back.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/server.js"]
