import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientAddress } from '../limits/client-address.js';
import { ConnectionCounter } from '../limits/address-limits.js';
import { handleConnection, type ConnectionOptions } from './connection.js';
import { originAllowed } from './origin-check.js';

/** How often idle sockets are pinged; a socket that missed a whole interval is dropped. */
export const HEARTBEAT_MS = 30_000;

/** When a refused connection may try again; a slot frees only when one of its sockets closes. */
const CONNECTION_RETRY_AFTER_SECONDS = 10;

export interface UpgradeOptions {
  /** Origins besides the page's own that may open the socket (ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** Proxies whose X-Forwarded-For / X-Forwarded-Host are believed (TRUST_PROXY). */
  trustProxy: number;
  connectionsPerAddress: number;
  /** Told of each refused upgrade (for the metrics). */
  onRefused?: (reason: 'origin' | 'connections') => void;
}

/**
 * Attaches the protocol's WebSocket endpoint at `/ws` to an HTTP server. `noServer` lets us refuse
 * in the upgrade handler before any WebSocket work, let alone a session: other paths (404), other
 * sites' pages (403) and an address already holding its share of sockets (429). Payloads above
 * 1 MiB close the socket, while frames above the protocol limit but below that get a `too_large`
 * error frame.
 */
export function attachWebSocket(server: Server, options: ConnectionOptions & UpgradeOptions): { close: () => void; clients: () => number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();
  const connections = new ConnectionCounter(options.connectionsPerAddress);

  function refuse(socket: Duplex, status: string, headers: string[] = []): void {
    // Destroyed once the answer is out: destroying at once could drop it unsent.
    socket.once('finish', () => socket.destroy());
    socket.end([`HTTP/1.1 ${status}`, 'Connection: close', 'Content-Length: 0', ...headers, '', ''].join('\r\n'));
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/ws') return refuse(socket, '404 Not Found');
    if (!originAllowed(request, options.allowedOrigins, options.trustProxy > 0)) {
      options.logger.info({ origin: request.headers.origin }, 'websocket refused: origin not allowed');
      options.onRefused?.('origin');
      return refuse(socket, '403 Forbidden');
    }
    const address = clientAddress(request, options.trustProxy);
    if (!connections.tryOpen(address)) {
      options.onRefused?.('connections');
      return refuse(socket, '429 Too Many Requests', [`Retry-After: ${CONNECTION_RETRY_AFTER_SECONDS}`]);
    }
    // Counted until the TCP socket closes, which also happens when the handshake itself fails
    // (ws then never calls back), so no place is lost.
    socket.once('close', () => connections.closed(address));
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request, address, socket));
  }

  server.on('upgrade', onUpgrade);
  wss.on('connection', (ws: WebSocket, _request: IncomingMessage, address: string, socket: Duplex) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    handleConnection(ws, options, address, socket);
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    clients: () => wss.clients.size,
    close: () => {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
