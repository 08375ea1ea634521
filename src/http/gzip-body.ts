/** Gzip with the Web Compression Streams API, which Node and Workers both have. */
export async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Clients send the same few Accept-Encoding values over and over; each is parsed once.
const answers = new Map<string, boolean>();

/** Whether the client takes gzip (`Accept-Encoding: gzip` or `*`, not refused with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let answer = answers.get(header);
  if (answer === undefined) {
    answer = parseAcceptsGzip(header);
    if (answers.size >= 256) answers.clear();
    answers.set(header, answer);
  }
  return answer;
}

function parseAcceptsGzip(header: string): boolean {
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}
