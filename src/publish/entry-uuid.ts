import { stableId } from '../core/stable-id.ts';

/**
 * A name-based UUID (RFC 9562 version 8 layout) for feed and entry ids: Atom and JSON Feed readers
 * key on ids, so they must not change with the host name or the secret token in the URL.
 */
export function uuidFor(...parts: string[]): string {
  const hex = stableId('uuid-a', ...parts) + stableId('uuid-b', ...parts);
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
