// Reads [{"id": ..., "query": ..., "parameters": {...}}] as JSON on stdin and prints, as JSON, the
// diagnostics Neo4j's own linter gives for each query: [{"id", "severity", "message", "line", "column"}].
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const item of JSON.parse(input)) {
  const { diagnostics } = lintCypherQuery(item.query, { parameters: item.parameters || {} });
  for (const d of diagnostics) {
    out.push({ id: item.id, severity: d.severity === 1 ? 'error' : 'warning', message: d.message,
               line: d.range.start.line + 1, column: d.range.start.character + 1 });
  }
}
process.stdout.write(JSON.stringify(out));
