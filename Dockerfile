# syntax=docker/dockerfile:1
# CSP Move Assistant: the production entry (`node dist/bot/main.js`) on Node 22 LTS, as a non-root user.
#   docker build -t csp-move-assistant .
#   docker run --rm -p 3978:3978 --env-file .env -v csp-move-data:/app/.data csp-move-assistant
# test/deploy/dockerfile.test.ts checks what this file promises (no Docker engine needed).

# --- build: all dependencies, then the TypeScript build (tsconfig.build.json) into dist/ ---
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
# No install scripts: none is needed to build, and CI's npm runs none either (none is approved).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
COPY cards ./cards
COPY dialogs ./dialogs
COPY move ./move
COPY services ./services
COPY store ./store
COPY sandbox ./sandbox
RUN npm run build

# --- runtime: production dependencies and the build only ---
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Root-owned and read-only for the bot's user; only the data folder is writable.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# dist/ holds the JSON data the code imports (move/data/*.json) next to the compiled modules.
COPY --from=build /src/dist ./dist
# STORE=file keeps moves, conversation references, dialog state and the SKU table's cache here: mount a volume.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3978
# Liveness only (the process answers); /readyz is for the load balancer's readiness probe. No curl in slim: node's fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/bot/main.js"]
