/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Shopify CLI sets HOST for the tunnel; the app URL decides how HMR connects inside the admin iframe.
const host = new URL(process.env.SHOPIFY_APP_URL || "http://localhost").hostname;
const hmr =
  host === "localhost" || host === "127.0.0.1"
    ? { protocol: "ws", host: "localhost", port: 64999, clientPort: 64999 }
    : { protocol: "wss", host, port: Number(process.env.FRONTEND_PORT) || 8002, clientPort: 443 };

// The demo's entry (app/demo/entry.server.ts) is a second input of the server build, emitted as
// build/server/demo.js next to index.js with their modules shared: production code never imports
// it; app/cli/run.mjs loads it in demo mode only.
function demoServerEntry(): Plugin {
  return {
    name: "tend-demo-server-entry",
    apply: "build",
    options(options) {
      if (typeof options.input !== "string" || !options.input.includes("server-build")) return null;
      return { ...options, input: { index: options.input, demo: "app/demo/entry.server.ts" } };
    },
    outputOptions(output) {
      const main = output.entryFileNames;
      return { ...output, entryFileNames: (chunk) => (chunk.name === "demo" ? "demo.js" : typeof main === "function" ? main(chunk) : (main ?? "index.js")) };
    },
  };
}

export default defineConfig({
  server: { allowedHosts: [host], cors: { preflightContinue: true }, port: Number(process.env.PORT || 3000), hmr, fs: { allow: ["app", "node_modules"] } },
  plugins: [
    !process.env.VITEST &&
      remix({
        ignoredRouteFiles: ["**/.*", "**/*.test.*"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_lazyRouteDiscovery: true,
          v3_singleFetch: true,
          v3_routeConfig: false,
        },
      }),
    tsconfigPaths(),
    demoServerEntry(),
  ],
  build: { assetsInlineLimit: 0 },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/contract/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
          // Several processes on one shared database: PostgreSQL only (npm run test:pg).
          exclude: process.env.TEST_DB === "postgresql" ? [] : ["tests/**/*.pg.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/setup-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
