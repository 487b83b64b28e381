import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { handleConnection, type ConnectionOptions } from './connection.js';

/** How often idle sockets are pinged; a socket that missed a whole interval is dropped. */
export const HEARTBEAT_MS = 30_000;

/**
 * Attaches the protocol's WebSocket endpoint at `/ws` to an HTTP server. `noServer` lets us refuse
 * other paths in the upgrade handler before any WebSocket work; payloads above 1 MiB close the
 * socket, while frames above the protocol limit but below that get a `too_large` error frame.
 */
export function attachWebSocket(server: Server, options: ConnectionOptions): { close: () => void; clients: () => number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/ws') {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  }

  server.on('upgrade', onUpgrade);
  wss.on('connection', (ws: WebSocket) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    handleConnection(ws, options);
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
