// Runs after `npm install`/`npm ci` (postinstall). exceljs 4.4's streaming reader decodes each
// chunk of the unzipped XML separately, so a Vietnamese character split across two chunks turns
// into "�" (seen on about 1 row in 1,500 of a 20,000-row import). This replaces that decoding with
// a streaming UTF-8 decoder. Idempotent; fails loudly if exceljs changed, so an upgrade is noticed.
// See docs/decisions/005-imports.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = require.resolve('exceljs/lib/utils/parse-sax.js');
const source = readFileSync(file, 'utf8');
const broken = '    saxesParser.write(bufferToString(chunk));';
const fixed = "    saxesParser.write(typeof chunk === 'string' ? chunk : utf8.decode(chunk, {stream: true}));";
if (source.includes(fixed)) process.exit(0);
if (!source.includes(broken)) {
  console.error(`patch-dependencies: ${file} is not the expected exceljs 4.4 source; check the UTF-8 chunk bug by hand.`);
  process.exit(1);
}
const patched = source
  .replace(broken, fixed)
  .replace('  const saxesParser = new SaxesParser();', "  const saxesParser = new SaxesParser();\n  const utf8 = new (require('util').TextDecoder)('utf-8');");
writeFileSync(file, patched);
console.log('patch-dependencies: exceljs streaming reader now decodes UTF-8 across chunks.');
