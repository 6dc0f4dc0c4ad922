import { describe, expect, it } from "vitest";
import { compareDefaults, parseCompareArgs, UsageError } from "./options.js";
import { comparedImage } from "./runtime-image.js";

const env = { INIT_CWD: "/somewhere" };
const parse = (...argv: string[]) => parseCompareArgs(argv, env);

describe("npm run compare's options", () => {
  it("takes two references, a port and a path, with the defaults measured for it", () => {
    const o = parse("a:1", "b:2", "--port", "80", "--http", "/x");
    if (o === "help") throw new Error("help");
    expect([o.original, o.candidate, o.port, o.httpPath, o.history]).toEqual(["a:1", "b:2", 80, "/x", false]);
    expect(o.bench).toMatchObject({
      rounds: compareDefaults.rounds,
      durationSeconds: compareDefaults.durationSeconds,
      flavors: ["original", "candidate"],
    });
    const out = parse("a", "b", "--port", "80", "--http", "/", "--out", "r");
    expect(out !== "help" && out.bench.outDir).toBe("/somewhere/r");
  });

  it.each([
    [["a"], /give two images/],
    [["a", "a", "--port", "80", "--http", "/"], /twice/],
    [["a", "b", "--http", "/"], /--port: say which/],
    [["a", "b", "--port", "0", "--http", "/"], /--port 0/],
    [["a", "b", "--port", "80"], /give a load/],
    [["a", "b", "--port", "80", "--http", "x"], /starting with \//],
    [["a", "b", "--port", "80", "--http", "/", "--sql", "u:p@d"], /one load on one port/],
    [["a", "b", "--port", "80", "--sql", "nobody"], /user:password@database/],
    [["a", "b", "--port", "80", "--http", "/", "--env", "NO"], /NAME=VALUE/],
    [["a", "b", "--port", "80", "--http", "/", "--rounds", "0"], /--rounds 0/],
    [["a", "b", "--port", "80", "--http", "/", "--ready-timeout", "0"], /--ready-timeout 0/],
    [["a", "b", "--port", "80", "--http", "/", "--budgets"], /see --help/],
  ])("%j is one line saying what is wrong", (argv, says) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(says);
  });

  it("says --help", () => expect(parse("--help")).toBe("help"));
});

describe("the pair as a run-time image", () => {
  it("is ready when the port answers the path with 2xx, and loads that path", () => {
    const o = parse("a", "b", "--port", "8080", "--http", "/i.html", "--env", "A=1");
    if (o === "help") throw new Error("help");
    const image = comparedImage(o);
    expect(image.readiness).toEqual({ kind: "http", port: 8080, path: "/i.html", timeoutSeconds: compareDefaults.readyTimeoutSeconds });
    expect(image.loads).toEqual({ http: { kind: "http", endpoint: "page", label: "GET /i.html" } });
    expect(image.endpoints).toEqual({ page: "/i.html" });
    expect(image.environment).toEqual({ A: "1" });
  });

  it("takes an SQL account, and a declaration file's fields under the flags", () => {
    const o = parse("a", "b", "--port", "3306", "--sql", "app:pw@shop", "--ready-timeout", "5");
    if (o === "help") throw new Error("help");
    const image = comparedImage(o, { environment: { A: "file" }, command: ["serve"], ports: [9000] });
    expect(image.readiness).toEqual({ kind: "sql", port: 3306, timeoutSeconds: 5 });
    expect(image.account?.({})).toEqual({ user: "app", password: "pw", database: "shop" });
    expect([image.ports, image.command, image.environment]).toEqual([[3306, 9000], ["serve"], { A: "file" }]);
  });
});
