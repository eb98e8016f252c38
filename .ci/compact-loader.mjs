// Rewrites cargo-leptos's split loader (`__wasm_split.*.js`) without its comments and
// indentation, then writes its brotli and gzip copies again. The comments name, for each of
// the ~600 chunks, every unit that uses it; they are over a third of the file and a fifth of its
// brotli size, and a first visit always loads it. Same file name: it is derived from the
// build's output and rewritten the same way on every build.
// Usage: node .ci/compact-loader.mjs target/site/pkg
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node .ci/compact-loader.mjs <site pkg dir>');
  process.exit(2);
}
const loaders = readdirSync(dir).filter((n) => /^__wasm_split\..+\.js$/.test(n));
if (loaders.length !== 1) {
  console.error(`expected one split loader in ${dir}, found ${loaders.length}`);
  process.exit(1);
}
const file = join(dir, loaders[0]);
const src = readFileSync(file, 'utf8');
const out = src
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/^[ \t]*\/\/.*$/gm, '')
  .replace(/\n\s*/g, '\n');
if (out !== src) {
  writeFileSync(file, out);
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(out, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: out.length,
      },
    }),
  );
  writeFileSync(`${file}.gz`, gzipSync(out, { level: 9 }));
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`split loader ${loaders[0]}: ${kb(src.length)} -> ${kb(out.length)} raw`);
