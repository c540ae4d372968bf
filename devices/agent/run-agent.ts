import pino from 'pino';
import { loadAgentConfig } from './agent-config.ts';
import { DeviceAgent } from './device-agent.ts';

/**
 * `storebox agent [--config agent.json]`: runs the device agent until SIGINT/SIGTERM.
 * Returns the exit code (78 = bad configuration, as for the box).
 */
export async function runAgent(
  configFile: string | undefined,
  io: { out(line: string): void; err(line: string): void },
): Promise<number> {
  let config;
  try {
    config = loadAgentConfig(configFile);
  } catch (e) {
    io.err((e as Error).message);
    return 78;
  }
  const log = pino({ level: process.env.STOREBOX_LOG_LEVEL ?? 'info' });
  const agent = new DeviceAgent({
    config,
    log,
    onPairingCode: (code) => io.out(`配对码 pairing code: ${code}  (enter it in the console to approve this device)`),
  });
  await agent.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await agent.stop();
  return 0;
}
