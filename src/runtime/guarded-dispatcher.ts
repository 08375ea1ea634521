import type { Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import {
  checkHostAddresses,
  isPrivateAddress,
  PRIVATE_ADDRESS_CODE,
  UNRESOLVED_HOST_CODE,
} from '../core/private-address.ts';

export interface GuardedDispatcherOptions {
  /** Every address a host name resolves to (injected in tests to play a rebinding DNS server). */
  resolveHost: (hostname: string) => Promise<string[]>;
  /** Addresses never connected to; the private-address rules unless a test narrows them. */
  refuse?: (address: string) => boolean;
  /** How long one lookup may take (default DEFAULT_DNS_TIMEOUT_MS). */
  dnsTimeoutMs?: number;
}

class ConnectCheckError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An undici dispatcher whose connect step resolves the host itself, checks every answer and opens
 * the socket to exactly an address it checked. A check on an earlier DNS answer cannot see a
 * rebinding server that answers a public address first and 127.0.0.1 at connect time; this one
 * runs for every connection, so for every redirect hop too. Host header and TLS server name stay
 * the URL's host name. The answers are tried in turn, as Node's own connect does, so a host whose
 * IPv6 address is unreachable from here is still reached over IPv4.
 */
export function createGuardedDispatcher(options: GuardedDispatcherOptions): Agent {
  const refuse = options.refuse ?? isPrivateAddress;
  const connectTo = buildConnector({});
  return new Agent({
    connect: (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      const tryFrom = (addresses: string[], index: number, lastError: Error | null) => {
        const address = addresses[index];
        if (address === undefined) {
          callback(lastError ?? new Error(`cannot connect to ${host}`), null);
          return;
        }
        connectTo({ ...connectOptions, hostname: address }, (error: Error | null, socket: Socket | null) => {
          if (error || !socket) tryFrom(addresses, index + 1, error);
          else callback(null, socket);
        });
      };
      checkHostAddresses(host, options.resolveHost, { refuse, dnsTimeoutMs: options.dnsTimeoutMs }).then(
        (checked) => {
          if (checked.kind === 'ok') tryFrom(checked.addresses, 0, null);
          else
            callback(
              new ConnectCheckError(
                checked.kind === 'private' ? PRIVATE_ADDRESS_CODE : UNRESOLVED_HOST_CODE,
                checked.message,
              ),
              null,
            );
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(`cannot resolve ${host}`), null),
      );
    },
  });
}
