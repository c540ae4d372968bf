import { parseArgs } from 'node:util';
import { StartupError } from '../adapters/sqlite/database.ts';
import { ConfigError, EXIT_CONFIG, loadConfig } from '../runtime/config/load-config.ts';
import { VERSION } from '../version.ts';
import { runAgent } from '../../devices/agent/run-agent.ts';
import { importCatalogCommand } from './import-catalog.command.ts';
import { importStatementCommand } from './import-statement.command.ts';
import { reconcileCommand } from './reconcile.command.ts';
import { auditVerifyCommand, backupCommand, restoreCommand, startCommand, type CommandIo } from './commands.ts';

const USAGE = `storebox ${VERSION}
usage: storebox [--config FILE] [command]
  start [--exit-with-parent]
                        run the box (default); --exit-with-parent: also stop when the launching process is gone (npm start)
  backup FILE           online backup of the database, integrity-checked
  restore FILE          restore a backup (the box must be stopped)
  audit verify [--anchor FILE]…
                        check the audit log's hash chain and its anchors (outbox, backups; docs/audit.md)
  import-catalog FILE [--partial] [--dry-run]
                        import products from CSV or JSON (docs/catalog.md); works while the box runs
  import-statement --channel alipay|wechat|unionpay|card FILE [--date D] [--expect-sha1 X] [--file-name N] [--settle-date D]
                        import a channel statement whole or not at all (docs/reconciliation.md)
  reconcile --date D [--channel C]
                        reconcile a business day and print the summary (docs/reconciliation.md)
  agent [--config agent.json]
                        run the device agent of a lane PC (docs/devices.md)
  --version             print the version`;

/** The `storebox` command line: one binary, several commands. Returns the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        'exit-with-parent': { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        partial: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        channel: { type: 'string' },
        date: { type: 'string' },
        'expect-sha1': { type: 'string' },
        'file-name': { type: 'string' },
        'settle-date': { type: 'string' },
        anchor: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    io.err((e as Error).message);
    io.err(USAGE);
    return 64;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(VERSION);
    return 0;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  // the agent has its own config file (agent.json), not the box's
  if (positionals[0] === 'agent') return runAgent(values.config, io);
  try {
    const config = loadConfig({ file: values.config });
    const [command = 'start', ...rest] = positionals;
    switch (command) {
      case 'start':
        return await startCommand(config, io, { exitWithParent: values['exit-with-parent'] === true });
      case 'backup':
        if (!rest[0]) break;
        return await backupCommand(config, rest[0], io);
      case 'restore':
        if (!rest[0]) break;
        return await restoreCommand(config, rest[0], io);
      case 'import-catalog':
        if (!rest[0]) break;
        return await importCatalogCommand(
          config,
          rest[0],
          { partial: values.partial === true, dryRun: values['dry-run'] === true },
          io,
        );
      case 'import-statement':
        return await importStatementCommand(
          config,
          {
            files: rest,
            channel: values.channel,
            date: values.date,
            expectSha1: values['expect-sha1'],
            fileName: values['file-name'],
            settleDate: values['settle-date'],
          },
          io,
        );
      case 'reconcile':
        return await reconcileCommand(config, { date: values.date, channel: values.channel, extra: rest }, io);
      case 'audit':
        if (rest[0] !== 'verify') break;
        return await auditVerifyCommand(config, io, values.anchor ?? []);
    }
    io.err(USAGE);
    return 64;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return EXIT_CONFIG;
    }
    if (e instanceof StartupError) {
      io.err(`storebox: ${e.message}`);
      return e.exitCode;
    }
    throw e;
  }
}

// Run when executed as a program (npm start, node server/cli/storebox.ts); the single binary's entry calls runCli itself.
if (import.meta.main) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    if (code !== 0) process.exit(code);
  });
}
