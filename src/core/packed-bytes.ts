/**
 * Named strings and typed arrays packed into one byte array and read back without copying the arrays:
 * the format of persisted derived data (see derived-cache.ts). A small JSON header names each part's
 * kind, offset and length; arrays start on 8-byte boundaries so they can be viewed in place.
 */
export type PackedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
export type PackedPart = string | PackedArray;

const ARRAYS = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint16Array, Uint8Array } as const;
type ArrayKind = keyof typeof ARRAYS;
type Entry = [kind: ArrayKind | 'string', offset: number, bytes: number];

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function kindOf(part: PackedArray): ArrayKind {
  const kind = (Object.keys(ARRAYS) as ArrayKind[]).find((k) => part instanceof ARRAYS[k]);
  if (!kind) throw new TypeError(`cannot pack a ${part.constructor.name}`);
  return kind;
}

export function packParts(parts: Record<string, PackedPart>): Uint8Array {
  const encoder = new TextEncoder();
  const bodies: Uint8Array[] = [];
  const header: Record<string, Entry> = {};
  let offset = 0;
  for (const [name, part] of Object.entries(parts)) {
    const body =
      typeof part === 'string' ? encoder.encode(part) : new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    header[name] = [typeof part === 'string' ? 'string' : kindOf(part), offset, body.byteLength];
    bodies.push(body);
    offset = align8(offset + body.byteLength);
  }
  const head = encoder.encode(JSON.stringify(header));
  const start = align8(4 + head.byteLength);
  const out = new Uint8Array(start + offset);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  Object.values(header).forEach(([, at], i) => {
    out.set(bodies[i]!, start + at);
  });
  return out;
}

export function unpackParts(packed: Uint8Array): Record<string, PackedPart> {
  // Views need their offset aligned to the element size: a byte array that starts mid-buffer is copied once.
  const bytes = packed.byteOffset % 8 === 0 ? packed : packed.slice();
  const headLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const decoder = new TextDecoder();
  const header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + headLength))) as Record<string, Entry>;
  const start = bytes.byteOffset + align8(4 + headLength);
  const out: Record<string, PackedPart> = {};
  for (const [name, [kind, at, length]] of Object.entries(header)) {
    if (start + at + length > bytes.byteOffset + bytes.byteLength)
      throw new RangeError(`packed part ${name} is cut short`);
    if (kind === 'string') out[name] = decoder.decode(new Uint8Array(bytes.buffer as ArrayBuffer, start + at, length));
    else {
      const Type = ARRAYS[kind];
      out[name] = new Type(bytes.buffer as ArrayBuffer, start + at, length / Type.BYTES_PER_ELEMENT);
    }
  }
  return out;
}

/** JSON that keeps Maps (as `{"$map": entries}`): for the small, structured parts of derived data. */
export function jsonWithMaps(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? { $map: [...v] } : v));
}

/**
 * Parsed plainly, then walked once: a reviver is called for every value, strings and numbers too, and
 * made a topic model's megabyte of JSON parse six times slower.
 */
export function parseWithMaps(text: string): unknown {
  return withMaps(JSON.parse(text));
}

function withMaps(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withMaps(value[i]);
    return value;
  }
  const object = value as Record<string, unknown>;
  if ('$map' in object) return new Map(withMaps(object.$map) as [unknown, unknown][]);
  for (const key in object) {
    const inner = object[key];
    const revived = withMaps(inner);
    // Defined, not assigned: a key "__proto__" from parsed JSON is an own property, not the prototype.
    if (revived !== inner)
      Object.defineProperty(object, key, { value: revived, enumerable: true, writable: true, configurable: true });
  }
  return object;
}
