// The number of regular expressions written in code under a folder (default server/): regex
// literals and RegExp constructed, counted on the syntax tree (comments and strings do not count).
// Issue 12 asks for this number to go down as language knowledge moves into content/ as data.
// Usage: node scripts/count-regexes.mjs [folder]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function files(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

let literals = 0;
let constructed = 0;
for (const file of files(process.argv[2] ?? 'server')) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) literals += 1;
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') constructed += 1;
    ts.forEachChild(node, visit);
  };
  visit(source);
}
console.log(`${literals + constructed} regular expressions in code (${literals} literals, ${constructed} RegExp constructed)`);
