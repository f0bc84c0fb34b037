/**
 * A real https server on 127.0.0.1 with a self-signed certificate, standing in for a web host (where a logo lives).
 * A test names what each path answers; the server records every request it got, so a test can say what was asked
 * (HEAD, then GET) and what never was. A path answered by `hang` never answers, for timeouts.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate, type SelfSignedCertificate } from './self-signed-certificate';

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

export interface FakeWebServer {
  /** https://127.0.0.1:<port> */
  origin: string;
  /** The certificate a client must trust to reach it (the probe's `ca`, or NODE_EXTRA_CA_CERTS). */
  cert: string;
  /** Every request received, in order, as "HEAD /logo.png". */
  requests: string[];
  /** What a path answers; an unknown path answers 404. */
  answer(path: string, answer: Answer): void;
  reset(): void;
  stop(): Promise<void>;
}

/** Answers with a status and headers and no body (a HEAD answer, or a GET whose body nobody reads). */
export function headers(status: number, values: Record<string, string> = {}): Answer {
  return (_req, res) => {
    res.writeHead(status, values);
    res.end();
  };
}

/** Never answers: the request stays open until the client gives up or the server stops. */
export const hang: Answer = () => {};

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server | ReturnType<typeof createHttpServer>): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** `certificate`: one made beforehand, when a client has to be built with it before the server starts. */
export async function startFakeWebServer(
  certificate: SelfSignedCertificate = selfSignedCertificate(),
): Promise<FakeWebServer> {
  const { cert, key } = certificate;
  const answers = new Map<string, Answer>();
  const requests: string[] = [];
  const server = createServer({ cert, key }, (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    (answers.get(req.url ?? '') ?? headers(404))(req, res);
  });
  const port = await listen(server);
  return {
    origin: `https://127.0.0.1:${port}`,
    cert,
    requests,
    answer: (path, answer) => void answers.set(path, answer),
    reset: () => {
      answers.clear();
      requests.length = 0;
    },
    stop: () => close(server),
  };
}

/** A plain http server, to show a redirect off https is never followed: it records whether anyone came. */
export async function startPlainHttpServer(): Promise<{ origin: string; requests: string[]; stop(): Promise<void> }> {
  const requests: string[] = [];
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end();
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, requests, stop: () => close(server) };
}
