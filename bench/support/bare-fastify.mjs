// A bare Fastify server for `npm run bench:serve`: one GET route answering a fixed JSON document (read from the
// file named by argv[2]), no hooks, no schema — the ceiling `GET /dagger/executions/{id}` is compared with.
// Plain JavaScript, run by plain node: no loader in the way of the reference.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

/** @type {unknown} */
const body = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const app = Fastify({ logger: false });
app.get('/execution', () => body);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${url}`);
