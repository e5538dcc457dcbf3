#!/usr/bin/env node
'use strict';
// Entry point of the `streamalert` command: runs the bundled CLI in dist/ (built by `npm ci`
// through the `prepare` script, or by `npm run build`), building it first when it is missing.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  const built = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
