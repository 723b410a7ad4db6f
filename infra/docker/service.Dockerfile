# syntax=docker/dockerfile:1
# One recipe for every image of the platform: `--build-arg SERVICE=<folder under services/>` (partner-identity,
# licensing, invitations, document-projection, gateway), or SERVICE=identity-provider with
# SERVICE_DIR=tools/identity-provider for the development sign-in. docker-compose.yml and docs/deploy.md use it.
#
#   build                    the whole workspace: npm ci, tsc -b, the web app (Vite); shared by every SERVICE
#   production-dependencies  the root's production dependencies only (npm ci --omit=dev), no workspace's devDependencies
#   runtime                  node:24 slim, non-root, the service's dist and the libraries' dist, nothing else
#
# The build context is filtered by /.dockerignore: no .env, no .local (the development broker's passwords), no
# node_modules or dist from the host, no tests.
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
# npm ci, or npm install where the registry lacks other platforms' optional binaries (see tools/dev/bootstrap.mjs);
# then the workspace's TypeScript, and the web app's static files, which the gateway serves (WEB_APP_DIR).
RUN node tools/dev/bootstrap.mjs && node node_modules/typescript/bin/tsc -b tsconfig.build.json \
  && node tools/dev/bootstrap.mjs tools/dev/build-web.ts
# Only what the chosen process needs at run time: each workspace folder without its sources and tests (dist,
# package.json and run-time files such as invitations' templates/ and contracts' examples/); the web app's build in
# the gateway's image. Everything above this line is shared by every SERVICE's build.
ARG SERVICE
ARG SERVICE_DIR=services/${SERVICE}
RUN test -n "${SERVICE}" && test -f "${SERVICE_DIR}/package.json" \
  || { echo "SERVICE must name a folder under services/ (or set SERVICE_DIR); got '${SERVICE}'" >&2; exit 1; } \
  && extra="" \
  && if [ "${SERVICE}" = identity-provider ]; then extra=tools/erp-simulator; fi \
  && mkdir -p /out \
  && tar -cf - --exclude='*/src' --exclude='*/test' --exclude='*/e2e' --exclude='*/node_modules' \
       --exclude='*.tsbuildinfo' --exclude='*/jest.config.js' --exclude='*/project.json' --exclude='*/tsconfig*.json' \
       libs ${SERVICE_DIR} ${extra} | tar -C /out -xf - \
  && if [ "${SERVICE}" = gateway ]; then mkdir -p /out/services/web && cp -r services/web/dist /out/services/web/; fi \
  && mkdir -p /out/node_modules/@partner-portal \
  && for folder in libs/* ${SERVICE_DIR} ${extra}; do \
       ln -s "../../${folder}" "/out/node_modules/@partner-portal/$(basename "${folder}")"; \
     done

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
# npm ci compares the lock file with every workspace's manifest, so those come along (manifests only, from the build
# context). The workspaces' own dependencies are left out (--workspaces=false): the only ones are the web app's, which
# Vite has bundled into its build. No install scripts: package.json's allowScripts allows none either.
COPY package.json package-lock.json ./
RUN --mount=type=bind,target=/context \
  cd /context && find libs services tools infra bench -maxdepth 2 -name package.json \
    -exec sh -c 'mkdir -p "/app/$(dirname "$1")" && cp "$1" "/app/$1"' _ {} \; \
  && cd /app && npm ci --omit=dev --workspaces=false --include-workspace-root --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG SERVICE_DIR=services/${SERVICE}
# HOST: the services bind 127.0.0.1 by default, which a container's port would not reach. NODE_OPTIONS: kafkajs 2.2.4
# sets a negative timeout that Node 24 warns about once per process (tulios/kafkajs#1751), harmless.
ENV SERVICE=${SERVICE} SERVICE_DIR=${SERVICE_DIR} NODE_ENV=production HOST=0.0.0.0 IDP_HOST=0.0.0.0 \
    NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /out/ ./
COPY infra/docker/healthcheck.mjs /app/healthcheck.mjs
# The image's files belong to root and are read-only for the process; it writes only to /tmp (or a mounted volume).
USER node
# The readiness route (database, Kafka, for the gateway the OIDC issuer); the identity provider sets HEALTH_URL.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "/app/healthcheck.mjs"]
# Through sh for the variable; `exec` replaces the shell, so node itself gets SIGTERM and shuts down gracefully.
# The migration job runs `node ${SERVICE_DIR}/dist/migrate.js` instead (before the replicas; docs/deploy.md).
CMD ["sh", "-c", "exec node --enable-source-maps \"${SERVICE_DIR}/dist/main.js\""]
