import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getCurrentFuseWire, FuseState, FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { flipStationFuses } from '../../scripts/fuses';

// A stand-in for an Electron binary: junk around the fuse sentinel, a version byte, the wire
// length and nine fuses all "enabled", as a fresh Electron ships them.
function fakeElectron(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fh-fuses-')), 'electron');
  const wire = Buffer.alloc(9, FuseState.ENABLE);
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), wire, Buffer.alloc(4096, 7)]),
  );
  return file;
}

describe('the packaged app fuses', () => {
  it('turn off running as Node, NODE_OPTIONS and inspector flags, and keep cookie encryption on', async () => {
    const bin = fakeElectron();
    await flipStationFuses(bin);
    const wire = await getCurrentFuseWire(bin);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    fs.rmSync(path.dirname(bin), { recursive: true, force: true });
  });
});
