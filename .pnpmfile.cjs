// What `pnpm pack` and `pnpm publish` put in a published package.json (pnpm >= 10.28 calls this hook after it has
// replaced `catalog:` and `workspace:` with versions):
// - the `@cxprism/source` export condition goes: it points at TypeScript sources, which are not published;
// - exact dependency versions (the catalog pins them for this repository) become caret ranges, so that an app
//   using several cxprism packages, or valibot itself, gets one copy of each dependency;
// - scripts and devDependencies go: they serve this repository only.
const SOURCE_CONDITION = "@cxprism/source";
const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

function withoutSourceCondition(exportsField) {
  if (typeof exportsField !== "object" || exportsField === null) return exportsField;
  return Object.fromEntries(
    Object.entries(exportsField)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

function withCaretRanges(dependencies) {
  if (dependencies === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(dependencies).map(([name, version]) => [
      name,
      EXACT_VERSION.test(version) ? `^${version}` : version,
    ]),
  );
}

function beforePacking(pkg) {
  const published = { ...pkg, exports: withoutSourceCondition(pkg.exports) };
  if (pkg.exports === undefined) delete published.exports;
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    if (pkg[field] !== undefined) published[field] = withCaretRanges(pkg[field]);
  }
  delete published.scripts;
  delete published.devDependencies;
  return published;
}

module.exports = { hooks: { beforePacking } };
