#!/usr/bin/env node
// Makes sure the browser tests can run: Debian's Chromium at /usr/bin/chromium. Installs it with
// apt-get when missing and running as root (fresh machines and CI); otherwise says what to do.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("Installing Chromium for the browser tests (apt-get, once)...");
  execSync(
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null",
    {
      stdio: "inherit",
      shell: "/bin/bash",
    },
  );
}
