// base: the parent of the service images of its flavor (they build FROM it).
import { defineImage } from "../../src/image-declaration.js";

export default defineImage({
  summary: "a shell, CA certificates, time zone data, a non-root user",
  flavors: ["alpine", "centos", "scratch", "debian"],
  seed: { originalMB: 244, tinyMB: 13 },
  // base has no service: keep it alive so the suite can exec into it.
  command: ["sh", "-c", "echo ready && exec sleep 2147483647"],
  readiness: { kind: "log", message: "ready" },
});
