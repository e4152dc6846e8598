// Validates every Kubernetes object in the given YAML files against the API schemas shipped in the
// kubernetes-models package, offline. Prints one line per object and exits 1 if any object is invalid.
// Kustomize's own files (kustomize.config.k8s.io) are not API objects and are skipped by name.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const failures = [];
let checked = 0;

async function modelFor(apiVersion, kind) {
  // "apps/v1" -> kubernetes-models/apps/v1; the core group "v1" -> kubernetes-models/v1.
  const module = await import(`kubernetes-models/${apiVersion}/${kind}`).catch(() => null);
  return module?.[kind] ?? null;
}

for (const file of process.argv.slice(2)) {
  const documents = yaml.loadAll(readFileSync(file, "utf8")).filter((document) => document != null);
  for (const document of documents) {
    const name = `${file}: ${document.kind}/${document.metadata?.name ?? "?"}`;
    if (String(document.apiVersion).startsWith("kustomize.config.k8s.io/")) {
      continue;
    }

    const Model = await modelFor(document.apiVersion, document.kind);
    if (Model === null) {
      failures.push(`${name}: no schema for ${document.apiVersion} ${document.kind}`);
      continue;
    }

    try {
      new Model(document).validate();
      checked++;
      console.log(`valid   ${name}`);
    } catch (error) {
      failures.push(`${name}: ${error.message}`);
    }
  }
}

for (const failure of failures) {
  console.log(`INVALID ${failure}`);
}
console.log(`${checked} valid, ${failures.length} invalid`);
process.exit(failures.length === 0 && checked > 0 ? 0 : 1);
