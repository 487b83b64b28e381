import type { IncomingMessage } from 'node:http';

/**
 * The address a request comes from, for the per-address limits. Behind `trustedHops` proxies
 * (TRUST_PROXY) it is read from `X-Forwarded-For`, counting from the right: each trusted proxy
 * appends the address it saw, so the entry `trustedHops` back from our own peer is the first one
 * no proxy of ours wrote. Entries further left are whatever the client sent, and never trusted.
 * Without trusted proxies the header is ignored: anyone could send it to dodge the limits.
 * Same rule as Express's numeric `trust proxy`, so `req.ip` and this agree.
 */
export function clientAddress(request: IncomingMessage, trustedHops: number): string {
  const peer = normalize(request.socket.remoteAddress ?? 'unknown');
  if (trustedHops <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  // Nearest first: our peer, then what each proxy appended, right to left.
  const chain = [peer, ...forwarded.reverse().map(normalize)];
  return chain[Math.min(trustedHops, chain.length - 1)]!;
}

/** An IPv4 address seen through an IPv6 socket (`::ffff:1.2.3.4`) counts as the IPv4 address. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
