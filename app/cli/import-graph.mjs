// The app's module graph, read with the TypeScript compiler's parser: every static import, re-export
// and literal dynamic import() of every module under a folder, resolved to files (relative paths and
// the "~/" alias of tsconfig.json). Type-only imports are marked: they vanish at runtime.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const SOURCE = /\.(ts|tsx|mts|js|jsx|mjs)$/;
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs"];

/** Every source file under dir (absolute paths), tests and declaration files excluded. */
export function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.name.endsWith(".d.ts") && !/\.test\./.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The module specifiers a file names: { specifier, typeOnly, line }. */
export function importsOf(file) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (literal, typeOnly) =>
    found.push({
      specifier: literal.text,
      typeOnly,
      line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1,
    });
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier, Boolean(node.importClause?.isTypeOnly));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      if (ts.isStringLiteral(ref)) add(ref, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0], false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function asFile(candidate) {
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const bare = candidate.replace(/\.(js|jsx|mjs)$/, "");
  for (const ext of EXTENSIONS) if (existsSync(bare + ext)) return bare + ext;
  for (const ext of EXTENSIONS)
    if (existsSync(path.join(candidate, `index${ext}`))) return path.join(candidate, `index${ext}`);
  return null;
}

/**
 * The file a specifier names, or null for packages. A relative or aliased specifier naming no file
 * still resolves to its would-be path, so a rule about folders cannot be dodged by a typo.
 */
export function resolveSpecifier(specifier, fromFile, appDir) {
  let target;
  if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..") {
    target = path.resolve(path.dirname(fromFile), specifier);
  } else if (specifier.startsWith("~/")) {
    target = path.join(appDir, specifier.slice(2));
  } else {
    return null;
  }
  return asFile(target) ?? target;
}

/** Map of file -> [{ to, specifier, typeOnly, line }] for every module under appDir. */
export function importGraph(appDir) {
  const graph = new Map();
  for (const file of sourceFiles(appDir)) {
    const edges = [];
    for (const imp of importsOf(file)) {
      const to = resolveSpecifier(imp.specifier, file, appDir);
      if (to) edges.push({ to, ...imp });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** The runtime import cycles through `start` (type-only edges skipped), each as a list of files. */
export function cyclesThrough(graph, start) {
  const cycles = [];
  const onPath = [start];
  const seen = new Set([start]);
  const walk = (file) => {
    for (const edge of graph.get(file) ?? []) {
      if (edge.typeOnly) continue;
      if (edge.to === start) cycles.push([...onPath, start]);
      else if (!seen.has(edge.to)) {
        seen.add(edge.to);
        onPath.push(edge.to);
        walk(edge.to);
        onPath.pop();
      }
    }
  };
  walk(start);
  return cycles;
}
