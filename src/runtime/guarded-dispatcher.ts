import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { isPrivateAddress, PRIVATE_ADDRESS_CODE } from '../core/private-address.ts';

export interface GuardedDispatcherOptions {
  /** Every address a host name resolves to (injected in tests to play a rebinding DNS server). */
  resolveHost: (hostname: string) => Promise<string[]>;
  /** Addresses never connected to; the private-address rules unless a test narrows them. */
  refuse?: (address: string) => boolean;
}

class PrivateAddressError extends Error {
  readonly code = PRIVATE_ADDRESS_CODE;
}

/**
 * An undici dispatcher whose connect step resolves the host itself, checks every answer and opens
 * the socket to exactly the address it checked. A check on an earlier DNS answer cannot see a
 * rebinding server that answers a public address first and 127.0.0.1 at connect time; this one
 * runs for every connection, so for every redirect hop too. Host header and TLS server name stay
 * the URL's host name.
 */
export function createGuardedDispatcher(options: GuardedDispatcherOptions): Agent {
  const refuse = options.refuse ?? isPrivateAddress;
  const connectTo = buildConnector({});
  return new Agent({
    connect: (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      const addresses = isIP(host) ? Promise.resolve([host]) : options.resolveHost(host);
      addresses.then(
        (answers) => {
          const address = answers[0];
          if (address === undefined || answers.some(refuse)) {
            callback(new PrivateAddressError(`${host} resolves to a private or loopback address`), null);
            return;
          }
          connectTo({ ...connectOptions, hostname: address }, callback);
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(`cannot resolve ${host}`), null),
      );
    },
  });
}
