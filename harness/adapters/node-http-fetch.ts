import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The `fetch` we hand both SDKs: node:http with keep-alive instead of Node 20's built-in fetch
 * (undici). The SDKs still build, send, stream and parse every request themselves; only the
 * transport underneath changes. Measured against the fake provider, a streamed completion cost
 * 0.73 ms of CPU through the built-in fetch and 0.46 ms through this one once warm (1.35 and 0.70
 * cold), and on two cores that CPU is what caps a run's request rate. Anything it does not handle
 * plainly (a Request object, a streamed or form body) goes to the built-in fetch.
 */
export const nodeHttpFetch: typeof fetch = (input, init = {}) => {
  const body = init.body;
  const plainBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
  if (input instanceof Request || !plainBody) return fetch(input, init);
  const url = new URL(String(input));
  const agent = url.protocol === 'http:' || url.protocol === 'https:' ? agents[url.protocol] : undefined;
  if (!agent) return fetch(input, init);
  const transport = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => (headers[key] = value));
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<Response>((resolve, reject) => {
    // Aborts are handled here rather than by node:http, whose abort mid-body is a plain
    // ECONNRESET: like fetch, both before and during the body the error is the signal's reason.
    let stream: Readable | undefined;
    const onAbort = () => {
      const reason = abortReason(signal!);
      stream?.destroy(reason);
      request.destroy(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const request = transport.request(url, { method: init.method ?? 'GET', headers, agent }, (response) => {
      const received = new Headers();
      const raw = response.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) received.append(raw[i]!, raw[i + 1]!);
      const status = response.statusCode ?? 0;
      if (NO_BODY.has(status) || init.method === 'HEAD') {
        signal?.removeEventListener('abort', onAbort);
        response.resume();
        resolve(new Response(null, { status, statusText: response.statusMessage, headers: received }));
        return;
      }
      stream = decoded(response, received.get('content-encoding'));
      stream.once('close', () => signal?.removeEventListener('abort', onAbort));
      resolve(new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, statusText: response.statusMessage, headers: received }));
    });
    request.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    request.end(body instanceof ArrayBuffer ? Buffer.from(body) : (body ?? undefined));
  });
};

function abortReason(signal: AbortSignal): Error {
  return (signal.reason as Error | undefined) ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Like fetch, a compressed body comes out decompressed (undici does this too). */
function decoded(response: http.IncomingMessage, encoding: string | null): Readable {
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}
