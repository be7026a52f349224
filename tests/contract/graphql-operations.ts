// Finds every Admin GraphQL operation in the app's sources: template literals whose text starts
// with `#graphql` in .ts/.tsx files, located with the TypeScript parser (so strings in comments
// or inside other strings are not mistaken for operations).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface FoundOperation {
  file: string;
  line: number;
  source: string;
  /** Set when the literal has `${...}` substitutions: such operations cannot be checked statically. */
  dynamic: boolean;
}

const SKIP_DIRS = new Set(["node_modules", "types", "build"]);

export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      out.push(full);
    }
  }
  return out.sort();
}

export function operationsInSource(file: string, text: string): FoundOperation[] {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: FoundOperation[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const raw = ts.isNoSubstitutionTemplateLiteral(node) ? node.text : node.head.text;
      if (raw.trimStart().startsWith("#graphql")) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        found.push({
          file,
          line,
          source: ts.isNoSubstitutionTemplateLiteral(node) ? node.text : node.getText(sf),
          dynamic: ts.isTemplateExpression(node),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export function findOperations(root: string): FoundOperation[] {
  return sourceFiles(root).flatMap((file) => operationsInSource(file, readFileSync(file, "utf8")));
}
