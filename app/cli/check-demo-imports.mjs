#!/usr/bin/env node
// CI check: nothing outside the demo imports the demo. Only app/demo/ itself and the demo's own
// routes (app/routes/app.demo.tsx, app/routes/demo.*.tsx) may import from app/demo/, in any form
// (relative path, "~/demo/..." alias, static, re-export, type-only or dynamic import()).
// Usage: node app/cli/check-demo-imports.mjs [appDir]   (exit 1 and a list when violated)
import path from "node:path";
import { fileURLToPath } from "node:url";
import { importGraph } from "./import-graph.mjs";

const DEMO_ROUTE = /^(app\.demo|demo\.[^/]+)\.[cm]?[jt]sx?$/;

/** May this file (absolute) import the demo? */
export function mayImportDemo(file, appDir) {
  const rel = path.relative(appDir, file).split(path.sep).join("/");
  if (rel.startsWith("demo/")) return true;
  return rel.startsWith("routes/") && DEMO_ROUTE.test(rel.slice("routes/".length));
}

/** Every import of app/demo/ from a module that may not: { file, line, specifier } (paths relative). */
export function demoImportViolations(appDir) {
  const root = path.resolve(appDir);
  const demoDir = path.join(root, "demo");
  const violations = [];
  for (const [file, edges] of importGraph(root)) {
    if (mayImportDemo(file, root)) continue;
    for (const edge of edges) {
      if (edge.to === demoDir || edge.to.startsWith(demoDir + path.sep)) {
        violations.push({ file: path.relative(root, file), line: edge.line, specifier: edge.specifier });
      }
    }
  }
  return violations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const appDir = path.resolve(
    process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."),
  );
  const violations = demoImportViolations(appDir);
  if (violations.length) {
    console.error("Production modules import the demo (only app/demo/ and the demo's routes may):");
    for (const v of violations) console.error(`  ${v.file}:${v.line}  "${v.specifier}"`);
    process.exit(1);
  }
  console.log(`no production module imports app/demo/ (${path.relative(process.cwd(), appDir) || "."})`);
}
