// tuf-js (pinned in package.json) as an independent TUF 1.0 client of a repository served by
// `uptane-lab serve`: trusts a root file, refreshes, then finds and downloads each target.
// Used by tests/interop/tst_tufjs.cpp.
//
//   node client.mjs --metadata-url URL --target-base-url URL --trusted-root FILE
//                   --metadata-dir DIR --target-dir DIR [--target PATH]...
//
// The metadata directory is tuf-js's cache: the trusted root is copied there as root.json
// the first time; later runs start from what tuf-js accepted before (so a root rotation is
// followed from the old root). Prints one line per downloaded target and the trusted root
// version. Exit status: 0 on success, 1 when tuf-js refuses anything (reason on stderr),
// 2 on usage errors.

import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Updater } from 'tuf-js';

function usage(message) {
  process.stderr.write(`client.mjs: ${message}\n`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = { targets: [] };
  const names = {
    '--metadata-url': 'metadataUrl',
    '--target-base-url': 'targetBaseUrl',
    '--trusted-root': 'trustedRoot',
    '--metadata-dir': 'metadataDir',
    '--target-dir': 'targetDir',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) usage(`${name} needs a value`);
    if (name === '--target') options.targets.push(value);
    else if (names[name]) options[names[name]] = value;
    else usage(`unknown option ${name}`);
  }
  for (const [flag, key] of Object.entries(names)) {
    if (!options[key]) usage(`${flag} is required`);
  }
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  mkdirSync(options.metadataDir, { recursive: true });
  mkdirSync(options.targetDir, { recursive: true });
  const cachedRoot = join(options.metadataDir, 'root.json');
  if (!existsSync(cachedRoot)) copyFileSync(options.trustedRoot, cachedRoot);

  const updater = new Updater({
    metadataBaseUrl: options.metadataUrl,
    targetBaseUrl: options.targetBaseUrl,
    metadataDir: options.metadataDir,
    targetDir: options.targetDir,
    config: { fetchRetries: 0 },
  });
  await updater.refresh();
  for (const path of options.targets) {
    const info = await updater.getTargetInfo(path);
    if (!info) throw new Error(`target ${path} not found`);
    const file = join(options.targetDir, path.replaceAll('/', '_'));
    await updater.downloadTarget(info, file);
    console.log(`downloaded ${path} ${info.length} ${basename(file)}`);
  }
  const root = JSON.parse(readFileSync(cachedRoot, 'utf8'));
  console.log(`root version ${root.signed.version}`);
}

main().catch((error) => {
  process.stderr.write(`tuf-js: ${error.name}: ${error.message}\n`);
  process.exit(1);
});
