#!/usr/bin/env node
// Decompresses the vendored Admin schema for tools that read plain introspection JSON
// (graphql-codegen via .graphqlrc.ts). The output is a cache, not a source file.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const version = process.argv[2] ?? "2026-10";
const source = path.join(root, "app/shopify/schema", `admin_${version}.json.gz`);
const target = path.join(root, "node_modules/.cache/tend", `admin_${version}.json`);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, gunzipSync(readFileSync(source)));
console.log(`unpacked ${path.relative(root, source)} -> ${path.relative(root, target)}`);
