import { describe, expect, it } from "vitest";
import { knownWorkPage } from "../../src/bench/known-work.js";
import work from "./known-work.js";

describe("nginx-php's known work", () => {
  it("is one PHP block before the page, looping the iterations asked, printing nothing of its own", () => {
    expect(work.before(1_000)).toMatch(/^<\?php .*\$i < 1000; .* \?>$/);
    expect(work.before(1_000)).not.toMatch(/echo|print/);
    const page = { path: "/srv/index.php", source: "<?php\necho 'page';\n" };
    expect(knownWorkPage(work, page, 1_000)).toEqual({ path: page.path, content: `${work.before(1_000)}<?php\necho 'page';\n` });
  });
});
