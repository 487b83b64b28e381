import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../server/limits/client-address.js';
import { originAllowed } from '../../server/ws/origin-check.js';

function request(headers: Record<string, string>, peer = '::ffff:192.0.2.10'): IncomingMessage {
  return { headers, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
}

describe('the client address behind proxies', () => {
  it('is the peer unless proxies are trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.5' }), 0)).toBe('192.0.2.10');
  });

  it('is the entry the trusted proxies wrote, counted from the right, never one a client added', () => {
    const forwarded = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.0.0.2' });
    expect(clientAddress(forwarded, 1)).toBe('10.0.0.2');
    expect(clientAddress(forwarded, 2)).toBe('203.0.113.5');
    // More hops trusted than there are entries: the leftmost is all there is.
    expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.5' }), 5)).toBe('203.0.113.5');
    expect(clientAddress(request({}), 1)).toBe('192.0.2.10');
  });
});

describe('the Origin of a WebSocket upgrade', () => {
  const host = { host: 'coach.local:3000' };
  it("lets the page's own origin, listed origins and clients without Origin through", () => {
    expect(originAllowed(request({ ...host, origin: 'http://coach.local:3000' }), [], false)).toBe(true);
    expect(originAllowed(request({ ...host, origin: 'https://partner.example' }), ['https://partner.example'], false)).toBe(true);
    expect(originAllowed(request(host), [], false)).toBe(true);
  });

  it('refuses other sites, null origins and a forwarded host it was not told to trust', () => {
    expect(originAllowed(request({ ...host, origin: 'http://evil.example' }), [], false)).toBe(false);
    expect(originAllowed(request({ ...host, origin: 'null' }), [], false)).toBe(false);
    expect(originAllowed(request({ ...host, origin: 'http://coach.local:3001' }), [], false)).toBe(false);
    const proxied = request({ host: '10.0.0.7:3000', origin: 'https://coach.example.org', 'x-forwarded-host': 'coach.example.org' });
    expect(originAllowed(proxied, [], false)).toBe(false);
    expect(originAllowed(proxied, [], true)).toBe(true);
  });
});
