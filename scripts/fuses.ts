// Electron fuses for a packaged Fenghuo: switches baked into the Electron binary that turn off
// what the app never uses, so a copy of the app cannot be turned into a Node interpreter or a
// debuggable process by its environment or command line. Run on the packaged binary:
//   npx tsx scripts/fuses.ts path/to/Fenghuo(.exe|.app)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const STATION_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  // The engine runs in a utilityProcess, never as `ELECTRON_RUN_AS_NODE`.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // Pages come from the station's own http origin, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Asar-only loading and integrity validation are left to the packager that builds the asar
  // (better-sqlite3's .node must sit unpacked beside it).
};

export async function flipStationFuses(binary: string): Promise<number> {
  return flipFuses(binary, STATION_FUSES);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('usage: npx tsx scripts/fuses.ts <packaged Electron binary or .app>');
    process.exit(2);
  }
  const n = await flipStationFuses(binary);
  console.log(`fuses set in ${binary} (${n} fuse wire${n === 1 ? '' : 's'})`);
}
