// Hosts the embedded PostgreSQL (PGlite) in a worker thread and serves it on a Unix socket.
//
// Why a worker: PGlite executes SQL synchronously in WebAssembly; on the main thread every query would stall
// Slack acknowledgements and portal pages. In a worker it runs beside the app on its own core, and the app
// reaches it through the ordinary PostgreSQL driver. (Also, a worker is a real Node isolate: PGlite's own
// dynamic imports work there whatever loaded Thread, test runners included.)
//
// workerData: { pgdataDir: string | null (null = in memory), loadDataDirPath?: string, socketPath, maxConnections }
// Messages in: { type: 'dump', path } | { type: 'stop' }. Messages out: { type: 'ready' } | { type: 'dumped' } |
// { type: 'stopped' } | { type: 'error', message }.
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { pgdataDir, loadDataDirPath, socketPath, maxConnections } = workerData;

let db;
let server;
try {
  const loadDataDir = loadDataDirPath ? new Blob([await readFile(loadDataDirPath)]) : undefined;
  db = await PGlite.create({ dataDir: pgdataDir ?? undefined, loadDataDir });
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  server.server?.on('connection', coalesceWrites);
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: error?.message ?? String(error) });
  process.exit(1);
}

/**
 * PGlite hands its answer to a query over in many small pieces (a message or so at a time), all in one synchronous
 * run of the WebAssembly, and the socket server writes each piece to the socket as it comes: a system call per
 * piece, a fifth of this thread's time under the portal bench. Corking the socket on the first write and uncorking
 * once that run is over sends the whole answer in one write, with the same bytes in the same order.
 */
function coalesceWrites(socket) {
  const write = socket.write;
  socket.write = function (...args) {
    if (!socket.writableCorked) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    return write.apply(socket, args);
  };
}

parentPort.on('message', async (message) => {
  try {
    if (message.type === 'dump') {
      const blob = await db.dumpDataDir('none');
      await writeFile(message.path, Buffer.from(await blob.arrayBuffer()));
      parentPort.postMessage({ type: 'dumped' });
    } else if (message.type === 'stop') {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
      parentPort.close();
    }
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: error?.message ?? String(error) });
  }
});
