# One image recipe for every service: docker compose builds it with SERVICE=<folder under services/>.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
# npm ci, or npm install where the registry lacks other platforms' optional binaries (see tools/dev/bootstrap.mjs);
# the web app's static files too, which the gateway serves (WEB_APP_DIR).
RUN node tools/dev/bootstrap.mjs && node node_modules/typescript/bin/tsc -b tsconfig.build.json \
  && node tools/dev/bootstrap.mjs tools/dev/build-web.ts

FROM node:20-bookworm-slim
ARG SERVICE
ENV SERVICE=${SERVICE} NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "exec node --enable-source-maps services/${SERVICE}/dist/main.js"]
