/**
 * Rewrites mediasoup 3.12.16's worker meson files to build against Debian 12's
 * own libraries instead of meson subprojects (which download from GitHub and
 * wrapdb, unreachable here). See ../shared/notes/environment.md for the recipe.
 *
 * Usage: node patch-mediasoup-meson.ts <worker-dir>
 * Idempotent: a patched file is recognised and left alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = '# dien-hong: system dependencies';

/** Debian pkg-config modules standing in for each subproject variable. */
const SYSTEM_DEPENDENCIES = `${MARKER}
openssl_dep = dependency('openssl')
nlohmann_json_dep = dependency('nlohmann_json')
libuv_dep = dependency('libuv')
libsrtp2_dep = declare_dependency(
  dependencies: dependency('libsrtp2'),
  compile_args: ['-I/usr/include/srtp2'],
)
usrsctp_dep = dependency('usrsctp')
absl_container_dep = declare_dependency(dependencies: [
  dependency('absl_flat_hash_map'),
  dependency('absl_flat_hash_set'),
  dependency('absl_hash'),
])
absl_strings_dep = dependency('absl_strings')
absl_types_dep = declare_dependency(dependencies: [
  dependency('absl_optional'),
  dependency('absl_variant'),
])
`;

/** Removes every `name_proj = subproject(...)` block (no nested parentheses inside). */
function dropSubprojects(source: string): string {
  return source.replace(/^\w+_proj = subproject\([^)]*\)\n/gm, '');
}

/** `x_proj.get_variable('y_dep')` becomes `y_dep`; static libraries to link whole are dropped. */
function useSystemVariables(source: string): string {
  return source
    .replace(/^\s*\w+_proj\.get_variable\('\w+_lib'\),\n/gm, '')
    .replace(/^\s*\w+_proj\.get_variable\('(libuv|libsrtp2|usrsctp)'\),\n/gm, '')
    .replace(/\w+_proj\.get_variable\('(\w+_dep)'\)/g, '$1');
}

function patchWorker(path: string): void {
  let source = readFileSync(path, 'utf8');
  if (source.includes(MARKER)) return;
  source = source.replace("meson_version: '>= 1.1.0'", "meson_version: '>= 1.0.0'");
  source = dropSubprojects(source);
  source = source.replace("cpp = meson.get_compiler('cpp')\n", (line) => `${line}\n${SYSTEM_DEPENDENCIES}\n`);
  source = useSystemVariables(source);
  // The Windows-only getopt block and everything after the worker executable
  // (C++ tests, fuzzer) need catch2/clang and are not shipped.
  source = source.replace(/if host_machine\.system\(\) == 'windows'\n  wingetopt_proj[\s\S]*?\nendif\n/, '');
  const tests = source.indexOf('test_sources = [');
  if (tests === -1) throw new Error(`unexpected layout in ${path}: no test_sources`);
  source = source.slice(0, tests);
  if (/subproject\(|_proj\./.test(source)) throw new Error(`unpatched subproject use left in ${path}`);
  writeFileSync(path, `${source}`);
}

function patchLibwebrtc(path: string): void {
  let source = readFileSync(path, 'utf8');
  if (source.includes(MARKER)) return;
  source = `${MARKER} (declared by the parent meson.build)\n${useSystemVariables(dropSubprojects(source))}`;
  if (/subproject\(|_proj\./.test(source)) throw new Error(`unpatched subproject use left in ${path}`);
  writeFileSync(path, source);
}

const workerDir = process.argv[2];
if (!workerDir) throw new Error('usage: patch-mediasoup-meson.ts <worker-dir>');
patchWorker(join(workerDir, 'meson.build'));
patchLibwebrtc(join(workerDir, 'deps', 'libwebrtc', 'meson.build'));
