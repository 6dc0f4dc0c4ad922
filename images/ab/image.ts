// ab: Apache Bench as the entrypoint, a client container run against nginx-php.
import { defineImage } from "../../src/image-declaration.js";

export default defineImage({
  summary: "Apache Bench (ab) as the entrypoint",
  flavors: ["alpine", "centos", "scratch", "debian"],
  seed: { originalMB: 261, tinyMB: 14 },
  // The debian flavor builds FROM base; the scratch one starts from nothing.
  parent: "base",
  targets: ["nginx-php"],
  // Each ab flavor against one nginx-php container; client.ts runs ab and reads what it prints.
  loads: { ab: { kind: "client", target: "nginx-php", endpoint: "php", module: "client.ts" } },
  software: /^ApacheBench \d/,
});
