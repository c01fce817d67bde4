// Checks the hub's GraphQL schema with the reference implementation (npm graphql): the introspection result must
// build a client schema, the committed SDL must build too, and every example query in api-docs/graphql.md must
// validate against the schema. Run by .ci/run against a live hub: HUB (default http://localhost:5080), TOKEN.
const fs = require('fs');
const path = require('path');
const { getIntrospectionQuery, buildClientSchema, buildSchema, parse, validate, printSchema } = require('graphql');

async function main() {
  const hub = process.env.HUB || 'http://localhost:5080';
  const response = await fetch(`${hub}/api/v1/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json', Authorization: `Bearer ${process.env.TOKEN}` },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const result = await response.json();
  if (result.errors) throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  const schema = buildClientSchema(result.data);
  const root = path.join(__dirname, '..');
  const sdl = buildSchema(fs.readFileSync(path.join(root, 'schemas', 'datahub.graphql'), 'utf8'));
  const served = Object.keys(schema.getTypeMap()).filter((t) => !t.startsWith('__')).sort();
  const committed = Object.keys(sdl.getTypeMap()).filter((t) => !t.startsWith('__')).sort();
  if (JSON.stringify(served) !== JSON.stringify(committed)) throw new Error('schemas/datahub.graphql and the served schema have different types');
  const guide = fs.readFileSync(path.join(root, 'api-docs', 'graphql.md'), 'utf8');
  const examples = [...guide.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (examples.length < 4) throw new Error('the guide should have an example per role');
  let failed = 0;
  for (const example of examples) {
    const errors = validate(schema, parse(example));
    if (errors.length > 0) { failed++; console.error(`invalid example:\n${example}\n${errors.map((e) => e.message).join('\n')}`); }
  }
  if (failed > 0) throw new Error(`${failed} example(s) do not validate`);
  console.log(`graphql ${require('graphql/package.json').version}: schema of ${served.length} types built from introspection and SDL; ${examples.length} examples validate (${printSchema(schema).length} characters of SDL)`);
}

main().catch((e) => { console.error(e.message); process.exit(1); });
