/**
 * The bootstrap package: a tiny, deterministic zip that `terraform generate` writes beside the
 * Terraform files, so that the first `terraform apply` can create every function before any
 * `lambda deploy` (the "Function not found" trap of StreamAlert). Its handler fails every
 * invocation with a message saying what to do; Terraform ignores code changes afterwards.
 */
import { crc32 } from 'node:zlib';

/** File name of the bootstrap package inside terraform/. */
export const BOOTSTRAP_PACKAGE_FILE = 'bootstrap.zip';

/** Handler of every function: `index.js` at the root of the package (bootstrap and real bundle alike). */
export const BOOTSTRAP_HANDLER = 'index.handler';

/** What the bootstrap function answers. */
export const BOOTSTRAP_MESSAGE = 'not deployed yet: run streamalert lambda deploy';

const SOURCE = `'use strict';
// StreamAlert bootstrap package, written by \`streamalert terraform generate\`.
exports.handler = async () => {
  throw new Error(${JSON.stringify(BOOTSTRAP_MESSAGE)});
};
`;

/** 1980-01-01 00:00 in MS-DOS format: zip entries need a date, and a fixed one keeps the bytes stable. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** The package bytes: one stored (uncompressed) `index.js` entry, same bytes on every run. */
export function bootstrapPackage(): Buffer {
  const name = Buffer.from('index.js', 'utf8');
  const data = Buffer.from(SOURCE, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed: 1.0
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(0, 8); // stored
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the mode below is honoured)
  central.writeUInt16LE(10, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(DOS_TIME, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(((0o100644 << 16) >>> 0), 38); // external attributes: regular file, rw-r--r--
  central.writeUInt32LE(0, 42); // offset of the local header
  const centralOffset = local.length + name.length + data.length;
  const centralSize = central.length + name.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
