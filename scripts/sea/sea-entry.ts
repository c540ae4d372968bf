/**
 * Entry of the single binary (bundled to CommonJS by scripts/build-binary.ts): registers the
 * embedded better-sqlite3 addon before anything opens a database, then runs the same CLI as
 * `npm start`. Start-up is a function: CommonJS has no top-level await.
 */
import { setNativeBinding } from '../../server/adapters/sqlite/native-binding.ts';
import { runCli } from '../../server/cli/storebox.ts';
import { ADDON_ASSETS, loadEmbeddedAddon } from './embedded-addon.ts';

async function main(): Promise<void> {
  setNativeBinding(loadEmbeddedAddon(ADDON_ASSETS.betterSqlite3));
  // argv[0] and argv[1] are both the executable in a SEA
  const code = await runCli(process.argv.slice(2));
  // as server/cli/storebox.ts: let stdout drain on success, exit at once on failure
  process.exitCode = code;
  if (code !== 0) process.exit(code);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(70); // sysexits.h EX_SOFTWARE
});
