import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadOutcome } from '../../src/core/source-reader.ts';
import { createHttpReader, type FetchLimits } from '../../src/ingest/fetch/bounded-fetch.ts';
import { createGuardedDispatcher, type GuardedDispatcherOptions } from '../../src/runtime/guarded-dispatcher.ts';
import { createNodeReader } from '../../src/runtime/node-deps.ts';
import { startServer, type TestServer } from '../support/http-server.ts';

const NO_VALIDATORS = { etag: null, lastModified: null };
const LIMITS: Partial<FetchLimits> = { headerTimeoutMs: 500, totalTimeoutMs: 1500, maxBytes: 2 * 1024 * 1024 };
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

function reader(limits: Partial<FetchLimits> = LIMITS, allowPrivateNetwork = true) {
  return createHttpReader({
    fetch: globalThis.fetch,
    resolveHost: async () => ['127.0.0.1'],
    allowPrivateNetwork,
    userAgent: 'convene-test',
    limits,
  });
}

function failureOf(outcome: ReadOutcome) {
  if (outcome.kind !== 'failed') throw new Error(`expected a failure, got ${outcome.kind}`);
  return outcome.failure;
}

async function gzipBomb(decodedMiB: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let i = 0; i < decodedMiB; i++) if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

describe('bounded fetcher against real servers on 127.0.0.1', () => {
  let server: TestServer;
  let privateTarget: TestServer;
  let bomb: Buffer;
  let gzip50: Buffer;
  let trickleClosed = false;

  beforeAll(async () => {
    bomb = await gzipBomb(1024);
    gzip50 = Array.from({ length: 50 }).reduce<Buffer>((body) => gzipSync(body), Buffer.from(ICS));
    privateTarget = await startServer((_req, res) => res.end('secret admin page'), '127.0.0.2');
    server = await startServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      switch (path) {
        case '/ok':
          res.writeHead(200, {
            'content-type': 'text/calendar',
            etag: '"v1"',
            'last-modified': 'Wed, 21 Oct 2026 07:28:00 GMT',
          });
          return void res.end(ICS);
        case '/silent':
          return; // accepts the connection, never answers
        case '/trickle': {
          res.writeHead(200, { 'content-type': 'text/calendar' });
          res.flushHeaders();
          const timer = setInterval(() => res.write('B'), 1000);
          res.on('close', () => {
            clearInterval(timer);
            trickleClosed = true;
          });
          return;
        }
        case '/endless': {
          res.writeHead(200, { 'content-type': 'text/calendar' });
          const chunk = Buffer.alloc(64 * 1024, 'A');
          const pump = () => {
            while (res.write(chunk)) if (res.destroyed) return;
          };
          res.on('drain', pump);
          return pump();
        }
        case '/bomb':
          res.writeHead(200, { 'content-type': 'text/calendar', 'content-encoding': 'gzip' });
          return void res.end(bomb);
        case '/gzip50':
          res.writeHead(200, {
            'content-type': 'text/calendar',
            'content-encoding': Array(50).fill('gzip').join(', '),
          });
          return void res.end(gzip50);
        case '/to-private':
          res.writeHead(302, { location: `${privateTarget.url}/admin` });
          return void res.end();
        case '/to-file':
          res.writeHead(302, { location: 'file:///etc/passwd' });
          return void res.end();
        case '/loop':
          res.writeHead(302, { location: '/loop' });
          return void res.end();
        case '/reset':
          res.writeHead(200, { 'content-type': 'text/calendar', 'content-length': '100000' });
          res.write('BEGIN:VCALENDAR\r\n');
          return void setTimeout(() => res.destroy(), 50);
        case '/rate-limited':
          res.writeHead(429, { 'retry-after': '7200' });
          return void res.end();
        default:
          res.writeHead(404);
          res.end();
      }
    });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await privateTarget.close();
  });

  it('200: returns the body with its validators verbatim', async () => {
    const outcome = await reader()(`${server.url}/ok`, NO_VALIDATORS);
    expect(outcome.kind).toBe('fetched');
    if (outcome.kind !== 'fetched') return;
    expect(new TextDecoder().decode(outcome.body)).toBe(ICS);
    expect(outcome.validators).toEqual({ etag: '"v1"', lastModified: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('convene-test');
  });

  it('I1 a server that never sends headers times out at the header deadline', async () => {
    const started = Date.now();
    const failure = failureOf(await reader()(`${server.url}/silent`, NO_VALIDATORS));
    // The header deadline (0.5 s) ended it, not the total one (1.5 s): the message names which.
    expect(failure).toMatchObject({ kind: 'timeout', message: 'no response headers within 0.5 s' });
    // Only a sanity bound: a loaded machine may be late, never early.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('I2 a slowloris body (one byte a second) times out at the total deadline, and the transfer is torn down', async () => {
    const started = Date.now();
    const failure = failureOf(await reader()(`${server.url}/trickle`, NO_VALIDATORS));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toMatch(/not complete within 1.5 s/);
    // Ended by the total deadline (timers never fire early), not by the header one; the upper bound is
    // only a sanity check, as the trickle alone would run for ever.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1450);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect.poll(() => trickleClosed, { timeout: 2000 }).toBe(true);
  });

  it('I4 an endless body is too_large at the cap, memory bounded', async () => {
    const before = process.memoryUsage().rss;
    const failure = failureOf(
      await reader({ ...LIMITS, totalTimeoutMs: 10_000 })(`${server.url}/endless`, NO_VALIDATORS),
    );
    expect(failure.kind).toBe('too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('I5 a 1 MiB gzip bomb that decodes to 1 GiB is too_large within the deadline', async () => {
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const failure = failureOf(await reader({ ...LIMITS, totalTimeoutMs: 5000 })(`${server.url}/bomb`, NO_VALIDATORS));
    expect(failure.kind).toBe('too_large');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('I6 a response stacking 50 gzip layers is refused, not decoded', async () => {
    const failure = failureOf(await reader()(`${server.url}/gzip50`, NO_VALIDATORS));
    expect(failure.kind).toBe('network');
  });

  it('I9 redirect to loopback is blocked before any request reaches it', async () => {
    const guarded = createHttpReader({
      // The first hop stands for a public host; the redirect then points into the private network.
      fetch: (input, init) => globalThis.fetch(String(input).replace('http://public.example', server.url), init),
      resolveHost: async (host) => (host === 'public.example' ? ['93.184.215.14'] : ['127.0.0.1']),
      allowPrivateNetwork: false,
      userAgent: 'convene-test',
      limits: LIMITS,
    });
    const failure = failureOf(await guarded('http://public.example/to-private', NO_VALIDATORS));
    expect(failure.kind).toBe('blocked');
    expect(privateTarget.hits.size).toBe(0);
  });

  it('I12 a redirect to file: is blocked', async () => {
    expect(failureOf(await reader()(`${server.url}/to-file`, NO_VALIDATORS)).kind).toBe('blocked');
  });

  it('I8 a redirect loop stops after 5 redirects (6 requests)', async () => {
    const before = server.hits.get('/loop') ?? 0;
    const failure = failureOf(await reader()(`${server.url}/loop`, NO_VALIDATORS));
    expect(failure.kind).toBe('http');
    expect(failure.message).toMatch(/more than 5 redirects/);
    expect((server.hits.get('/loop') ?? 0) - before).toBe(6);
  });

  it('I7 a lying Content-Length (connection reset mid-body) is a network failure', async () => {
    expect(failureOf(await reader()(`${server.url}/reset`, NO_VALIDATORS)).kind).toBe('network');
  });

  it.each(['file:///etc/passwd', 'gopher://example.com/', 'data:text/calendar,BEGIN:VCALENDAR', 'javascript:alert(1)'])(
    'I12 a %s source is not fetched',
    async (url) => {
      expect(failureOf(await reader()(url, NO_VALIDATORS))).toMatchObject({ kind: 'blocked' });
    },
  );

  it('I13 a URL with credentials is not fetched, and the message does not echo the password', async () => {
    const failure = failureOf(await reader()(`http://user:hunter2@${server.url.slice(7)}/ok`, NO_VALIDATORS));
    expect(failure.kind).toBe('blocked');
    expect(failure.message).not.toContain('hunter2');
  });

  it('I16 429 carries Retry-After', async () => {
    const failure = failureOf(await reader()(`${server.url}/rate-limited`, NO_VALIDATORS));
    expect(failure).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 7_200_000 });
  });
});

describe('private, loopback and link-local addresses are refused in every spelling', () => {
  const refused = [
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[fc00::1]/',
    'http://[fe80::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://１２７.０.０.１/',
  ];
  const guarded = createHttpReader({
    fetch: async () => {
      throw new Error('the guard let a private address through');
    },
    resolveHost: async () => {
      throw new Error('IP literals need no lookup');
    },
    allowPrivateNetwork: false,
    userAgent: 'convene-test',
  });

  it.each(refused)('I10 %s is refused', async (url) => {
    expect(failureOf(await guarded(url, NO_VALIDATORS)).kind).toBe('blocked');
  });

  it('I10 a host name that resolves to a private address is refused too', async () => {
    const viaDns = createHttpReader({
      fetch: async () => {
        throw new Error('must not fetch');
      },
      resolveHost: async () => ['93.184.215.14', '10.0.0.7'],
      allowPrivateNetwork: false,
      userAgent: 'convene-test',
    });
    expect(failureOf(await viaDns('https://rebind.example/feed.ics', NO_VALIDATORS)).kind).toBe('blocked');
  });
});

describe('I3 no library fetches for us', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
    );

  it('I3 rss-parser parseURL is never called: its timeout leaves the socket open', () => {
    const sources = files(join(import.meta.dirname, '..', '..', 'src'));
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((file) => /\.parseURL\s*\(/.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});

describe('I11 DNS rebinding is closed at connect time (the Node dispatcher)', () => {
  const PUBLIC = '93.184.215.14';
  let loopback: TestServer;
  let hop: TestServer;
  const portOf = (server: TestServer) => new URL(server.url).port;

  beforeAll(async () => {
    loopback = await startServer((_req, res) => res.end('secret admin page'));
    hop = await startServer((req, res) => {
      if (req.url === '/ok') return void res.end(ICS);
      res.writeHead(302, { location: `http://rebind.test:${portOf(loopback)}/admin` });
      res.end();
    }, '127.0.0.2');
  });
  afterAll(async () => {
    await loopback.close();
    await hop.close();
  });

  /** The pre-check and the connect step each ask their own resolver, as two DNS answers would differ. */
  function guardedReader(preCheck: (host: string) => Promise<string[]>, atConnect: GuardedDispatcherOptions) {
    const dispatcher = createGuardedDispatcher(atConnect);
    const read = createHttpReader({
      fetch: (input, init) => globalThis.fetch(input, { ...init, dispatcher } as RequestInit),
      resolveHost: preCheck,
      allowPrivateNetwork: false,
      userAgent: 'convene-test',
      limits: LIMITS,
    });
    return { read, close: () => dispatcher.close() };
  }

  it('I11 a resolver answering public first and loopback second is blocked at connect; loopback gets 0 requests', async () => {
    const asked: string[] = [];
    let answers = 0;
    const rebinding = async (host: string) => {
      asked.push(host);
      return answers++ === 0 ? [PUBLIC] : ['127.0.0.1'];
    };
    const { read, close } = guardedReader(rebinding, { resolveHost: rebinding });
    const failure = failureOf(await read(`http://rebind.test:${portOf(loopback)}/feed.ics`, NO_VALIDATORS));
    await close();
    expect(failure).toMatchObject({ kind: 'blocked', message: 'the address connected to is private or loopback' });
    expect(asked).toEqual(['rebind.test', 'rebind.test']);
    expect(loopback.requests).toHaveLength(0);
  });

  it('I11 the connect-time check runs on every redirect hop', async () => {
    // 127.0.0.2 plays the public host of the first hop; the redirect's host rebinds to 127.0.0.1.
    const { read, close } = guardedReader(async () => [PUBLIC], {
      resolveHost: async (host) => (host === 'hop.test' ? ['127.0.0.2'] : ['127.0.0.1']),
      refuse: (address) => address === '127.0.0.1',
    });
    const failure = failureOf(await read(`http://hop.test:${portOf(hop)}/to-rebind`, NO_VALIDATORS));
    await close();
    expect(failure.kind).toBe('blocked');
    expect(hop.hits.get('/to-rebind')).toBe(1);
    expect(loopback.requests).toHaveLength(0);
  });

  it('I11 an allowed answer is connected to exactly, with the Host header of the URL', async () => {
    const { read, close } = guardedReader(async () => [PUBLIC], {
      resolveHost: async () => ['127.0.0.2'],
      refuse: (address) => address === '127.0.0.1',
    });
    const outcome = await read(`http://feed.test:${portOf(hop)}/ok`, NO_VALIDATORS);
    await close();
    expect(outcome.kind).toBe('fetched');
    expect(hop.requests.at(-1)?.headers.host).toBe(`feed.test:${portOf(hop)}`);
  });

  it('I11 every answer is tried in turn: an unreachable first address (IPv6 here) falls back to the next', async () => {
    const { read, close } = guardedReader(async () => [PUBLIC], {
      // ::1 on this port refuses (the server listens on 127.0.0.2 only), as an unreachable IPv6 route would.
      resolveHost: async () => ['::1', '127.0.0.2'],
      refuse: (address) => address === '127.0.0.1',
    });
    const outcome = await read(`http://dual-stack.test:${portOf(hop)}/ok`, NO_VALIDATORS);
    await close();
    expect(outcome.kind).toBe('fetched');
  });

  it('I11 a host with no DNS answer is reported as not resolving, not as private', async () => {
    const requestsBefore = hop.requests.length;
    const { read, close } = guardedReader(async () => [PUBLIC], { resolveHost: async () => [] });
    const failure = failureOf(await read(`http://nowhere.test:${portOf(hop)}/ok`, NO_VALIDATORS));
    await close();
    expect(failure).toMatchObject({ kind: 'network', message: 'nowhere.test does not resolve' });
    expect(hop.requests.length).toBe(requestsBefore);
    const preCheck = createHttpReader({
      fetch: globalThis.fetch,
      resolveHost: async () => [],
      allowPrivateNetwork: false,
      userAgent: 'convene-test',
    });
    expect(failureOf(await preCheck('http://nowhere.test/feed.ics', NO_VALIDATORS))).toMatchObject({
      kind: 'network',
      message: 'nowhere.test does not resolve',
    });
  });

  it('I11 a DNS server that never answers fails the lookup at its own timeout, well before the fetch deadline', async () => {
    const { read, close } = guardedReader(async () => [PUBLIC], {
      resolveHost: () => new Promise<string[]>(() => {}),
      dnsTimeoutMs: 100,
    });
    const failure = failureOf(await read(`http://silent-dns.test:${portOf(hop)}/ok`, NO_VALIDATORS));
    await close();
    // Not the header or total timeout of the fetch: the lookup's own.
    expect(failure).toMatchObject({ kind: 'network', message: 'silent-dns.test: no DNS answer within 0.1 s' });
  });

  it('I11 production wiring: createNodeReader(false) connects through the guard (a rebinding answer is blocked)', async () => {
    let answers = 0;
    const rebinding = async () => (answers++ === 0 ? [PUBLIC] : ['127.0.0.1']);
    // The system resolver does not know rebind.test: a reader on plain fetch would fail as a network error.
    const read = createNodeReader(false, rebinding);
    const failure = failureOf(await read.read(`http://rebind.test:${portOf(loopback)}/feed.ics`, NO_VALIDATORS));
    expect(failure).toMatchObject({ kind: 'blocked', message: 'the address connected to is private or loopback' });
    expect(answers).toBe(2);
    expect(loopback.requests).toHaveLength(0);
  });
});
