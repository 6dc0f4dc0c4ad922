import { describe, expect, it } from "vitest";
import { figure, figuresOf, loadFigures, loadsIn } from "./figures.js";
import { currentReport, flavorOf } from "./fixtures/index.js";
import type { FlavorReport } from "./schema.js";

const meta = { name: "resp", label: "RESP", answer: "command", main: true, failureKinds: [] };

describe("the figure registry", () => {
  it("gives every load the same figures, keyed by its name: CPU per answer and its user/system split, throughput, latencies, failures", () => {
    const keys = loadFigures(meta).map((f) => f.key);
    expect(keys).toEqual([
      "loads.resp.cpuUs",
      "loads.resp.userUs",
      "loads.resp.systemUs",
      "loads.resp.perSec",
      "loads.resp.p50Ms",
      "loads.resp.p99Ms",
      "loads.resp.failures",
    ]);
    const [cpu, user, system] = loadFigures(meta);
    expect(cpu).toMatchObject({ label: "RESP CPU per command", headline: "cost", load: "resp" });
    // The split is context: one row, no verdict of its own.
    expect([user!.row, system!.row]).toEqual(["RESP CPU per command, user / system", "RESP CPU per command, user / system"]);
    expect([user!.verdict, system!.verdict]).toEqual([undefined, undefined]);
  });

  it("puts only an image's first load in the headline, and words the others by their label", () => {
    const [cpu, , , rate] = loadFigures({ ...meta, main: false, label: "static file", answer: "request" });
    expect([cpu!.headline, rate!.headline]).toEqual([undefined, undefined]);
    expect(rate!.verdict).toMatchObject({ subject: "requests/s of the static file" });
  });

  it("reads each flavor's loads in the order they were declared, with the words the report stored", () => {
    const nginx = flavorOf(currentReport(), "nginx-php", "scratch") as FlavorReport;
    expect(loadsIn([nginx]).map((l) => [l.name, l.label, l.main])).toEqual([
      ["php", "PHP page", true],
      ["static", "static file", false],
    ]);
    expect(figuresOf([nginx]).find((f) => f.key === "loads.php.failures")?.label).toBe("PHP page errors / timeouts / non-2xx");
    expect(figure("loads.static.perSec", [nginx])?.label).toBe("static file throughput");
    expect(figure("loads.static.nothing", [nginx])).toBeUndefined();
    expect(figure("size.bytes")?.label).toBe("size");
  });
});
