import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from './node-http-fetch.ts';
import { isConnectionLoss } from './protocol-options.ts';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('nodeHttpFetch', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, Handler>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => routes.get(req.url ?? '')?.(req, body, res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends the method, headers and body, and returns status, headers and body', async () => {
    routes.set('/echo', (req, body, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
      res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
    });
    const response = await nodeHttpFetch(`${base}/echo`, { method: 'POST', headers: new Headers({ authorization: 'Bearer k' }), body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(await response.json()).toEqual({ method: 'POST', auth: 'Bearer k', body: '{"a":1}' });
  });

  it('streams: the first event arrives before the server ends the response', async () => {
    let finish: () => void = () => undefined;
    routes.set('/sse', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      finish = () => res.end('data: [DONE]\n\n');
    });
    const response = await nodeHttpFetch(`${base}/sse`, { method: 'POST', body: '' });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('data: first\n\n');
    finish();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += Buffer.from(chunk.value).toString();
    expect(rest).toBe('data: [DONE]\n\n');
  });

  it('decompresses a gzip body, as fetch does', async () => {
    routes.set('/gz', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync('{"ok":true}'));
    });
    expect(await (await nodeHttpFetch(`${base}/gz`)).json()).toEqual({ ok: true });
  });

  it('gives a 204 no body', async () => {
    routes.set('/empty', (_req, _body, res) => {
      res.writeHead(204);
      res.end();
    });
    const response = await nodeHttpFetch(`${base}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('errors the body with a connection-loss error when the connection resets mid-stream', async () => {
    routes.set('/reset', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: partial\n\n');
      setTimeout(() => res.socket?.resetAndDestroy(), 20);
    });
    const response = await nodeHttpFetch(`${base}/reset`, { method: 'POST', body: '' });
    const error = await response.text().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isConnectionLoss(error)).toBe(true);
  });

  it('rejects with an AbortError when aborted before the answer, and errors the body when aborted during it', async () => {
    routes.set('/slow', (_req, _body, res) => setTimeout(() => res.end('late'), 2000));
    const before = new AbortController();
    const pending = nodeHttpFetch(`${base}/slow`, { signal: before.signal });
    before.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    routes.set('/trickle', (_req, _body, res) => {
      res.writeHead(200);
      res.write('a');
    });
    const during = new AbortController();
    const response = await nodeHttpFetch(`${base}/trickle`, { signal: during.signal });
    const text = response.text();
    during.abort();
    await expect(text).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects when nothing listens, with the cause a connection error carries', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(nodeHttpFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
