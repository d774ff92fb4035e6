// Runs Electronegativity through its API (its CLI always exits 0) on one folder and writes
// { issues, errors } as JSON. A separate process because the tool tries the network for
// translations, and that attempt can throw after the scan; we exit as soon as the result is written.
// Usage: node electronegativity-run.mjs INPUT_DIR OUTPUT_JSON ELECTRON_VERSION
import { writeFileSync } from 'node:fs';
import run from '@doyensec/electronegativity';

const [input, output, electronVersion] = process.argv.slice(2);
run({ input, electronVersionOverride: electronVersion, isRelative: true, parserPlugins: [], excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] }, false)
  .then((result) => {
    const issues = result.issues.map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, line: i.location?.line ?? 0, sample: i.sample ?? '', description: i.description }));
    writeFileSync(output, JSON.stringify({ issues, errors: result.errors.map((e) => ({ file: e.file, message: String(e.message ?? e.error ?? e) })) }));
    process.exit(0);
  })
  .catch((error) => {
    console.error(error.stack ?? String(error));
    process.exit(1);
  });
