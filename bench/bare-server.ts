// The floor's reference: a minimal Fastify process with one route that returns a captured JSON
// body (parsed, so Fastify serialises it per request as a real route would). Started by api.ts:
//   node --import tsx bench/bare-server.ts <body.json> <port>
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error('usage: bare-server.ts <body.json> <port>');
const body: unknown = JSON.parse(readFileSync(file, 'utf8'));
const app = Fastify({ logger: false });
app.get('/api/people', async () => body);
await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log('bare server is running');
