// `npm run bench`: every benchmark in turn (each compares against a baseline measured in the same
// run). `npm run bench -- ingest delivery` runs only those. Not part of `npm test`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
  .scripts;
const all = Object.keys(scripts)
  .filter((name) => name.startsWith("bench:"))
  .map((name) => name.slice("bench:".length));
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;

const failed: string[] = [];
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`no benchmark "${name}"; choose from: ${all.join(", ")}`);
    process.exit(2);
  }
  console.log(`\n=== bench:${name}`);
  const started = Date.now();
  const result = spawnSync("npm", ["run", "--silent", `bench:${name}`], { stdio: "inherit" });
  console.log(
    `=== bench:${name} ${result.status === 0 ? "done" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (result.status !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
