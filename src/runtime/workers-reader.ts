import { USER_AGENT } from '../core/config.ts';
import type { SourceReader } from '../core/source-reader.ts';
import { createHttpReader } from '../ingest/fetch/bounded-fetch.ts';

/** Cloudflare's resolver over HTTPS: a Worker has no DNS of its own to ask. */
const DOH_ENDPOINT = 'https://cloudflare-dns.com/dns-query';

interface DohAnswer {
  Answer?: { type: number; data: string }[];
}

const ADDRESS_TYPES = { A: 1, AAAA: 28 } as const;

/**
 * Every A and AAAA address of a host, for the fetcher's private-address guard. Cloudflare's edge refuses
 * to connect Workers to private ranges as well; the guard says so before a subrequest is spent on it.
 */
async function resolveOverHttps(hostname: string): Promise<string[]> {
  const answers = await Promise.all(
    (Object.keys(ADDRESS_TYPES) as (keyof typeof ADDRESS_TYPES)[]).map(async (type) => {
      const response = await fetch(`${DOH_ENDPOINT}?name=${encodeURIComponent(hostname)}&type=${type}`, {
        headers: { accept: 'application/dns-json' },
      });
      if (!response.ok) throw new Error(`DNS over HTTPS answered ${response.status}`);
      const body = (await response.json()) as DohAnswer;
      return (body.Answer ?? []).filter((a) => a.type === ADDRESS_TYPES[type]).map((a) => a.data);
    }),
  );
  return answers.flat();
}

/**
 * Sources are read over HTTP only (a Worker has no files). `allowPrivateNetwork` is the same opt-in as
 * the CLI's --allow-private-network, for `wrangler dev` and tests that serve feeds on 127.0.0.1.
 */
export function createWorkersReader(allowPrivateNetwork: boolean): SourceReader {
  const readHttp = createHttpReader({
    fetch: (input, init) => fetch(input, init),
    resolveHost: resolveOverHttps,
    allowPrivateNetwork,
    userAgent: USER_AGENT,
  });
  return { read: (location, validators) => readHttp(location, validators) };
}
