// The demo's entry point: a second input of the server build (vite.config.ts emits it as
// build/server/demo.js, sharing every module with index.js), loaded by app/cli/run.mjs in demo mode
// only. It plugs the local store into the same interfaces a real shop goes through; production
// modules never import anything from app/demo/.
import { installLocalAdmin } from "../admin.server";
import { DEMO_SHOP, DEMO_USER, localAdminGraphql } from "./local-admin.server";

export { startDemo } from "./start.server";

/** Installs the local Admin API as the demo shop's admin (refused outside demo mode). */
export function installDemo(): void {
  installLocalAdmin({ shop: DEMO_SHOP, user: DEMO_USER, graphqlFor: (shop) => localAdminGraphql(shop) });
}
