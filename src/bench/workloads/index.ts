// Which workload measures which image: the catalog says what kind it is.
import { image, type ImageName } from "../../catalog.js";
import { abWorkload } from "./ab.js";
import { httpWorkload } from "./http.js";
import { sqlWorkload } from "./sql.js";
import type { BenchContext, Workload } from "./workload.js";

/** The image's workload, or undefined for an image the benchmark only sizes (base). */
export function workloadFor(name: ImageName, context: BenchContext): Workload | undefined {
  const declared = image(name).workload;
  switch (declared?.kind) {
    case undefined:
      return undefined;
    case "http":
      return httpWorkload(name, context, declared.pages);
    case "sql":
      return sqlWorkload(name, context);
    case "ab":
      return abWorkload(name, context, declared.target, declared.page);
  }
}
