/**
 * Entry point of `npm start`: reads the configuration, then hands it to the composition (src/composition/), which
 * builds Thread's parts in one place. Here only what a process needs: exit codes and signals.
 */
import { loadConfig } from './config';
import { isAppError } from './lib/errors';
import { createLogger } from './lib/logger';
import { startThread } from './composition/start-thread';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(isAppError(error) ? `Thread cannot start: ${error.message}` : error);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const thread = await startThread(config, logger);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // A second signal, or a shutdown that hangs, ends the process anyway.
    setTimeout(() => process.exit(1), 10_000).unref();
    thread.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(isAppError(error) ? `Thread could not start: ${error.message}` : error);
  process.exit(1);
});
