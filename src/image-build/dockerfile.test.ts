import { describe, expect, it } from "vitest";
import {
  contextSources,
  DockerfileSyntaxError,
  finalUser,
  healthcheckOf,
  isPinnedReference,
  isRootUser,
  parseDockerfile,
  substitute,
} from "./dockerfile.js";

const twoStages = `# a comment before anything
ARG DEBIAN_IMAGE=debian:bookworm-slim
ARG BASE_IMAGE="tiny/base:scratch"
FROM \${DEBIAN_IMAGE} AS Build

RUN apt-get update \\
 # a comment inside the continuation is dropped
 && apt-get install -y tini \\

 && rm -rf /var/lib/apt/lists/*
COPY shared/rootfs/ /usr/local/lib/

FROM $BASE_IMAGE
COPY --from=build /rootfs/ /
HEALTHCHECK --interval=5s --retries=3 CMD ["healthcheck"]
USER app
CMD ["sh", "-c", "echo ok"]
`;

describe("parseDockerfile", () => {
  it("joins continuations, drops comments and blank lines inside them, and keeps the first line's number", () => {
    const { instructions } = parseDockerfile(twoStages);
    const run = instructions.find((i) => i.keyword === "RUN")!;
    expect(run.line).toBe(6);
    expect(run.text).toBe("apt-get update  && apt-get install -y tini  && rm -rf /var/lib/apt/lists/*");
    expect(instructions.map((i) => [i.keyword, i.line])).toEqual([
      ["ARG", 2],
      ["ARG", 3],
      ["FROM", 4],
      ["RUN", 6],
      ["COPY", 11],
      ["FROM", 13],
      ["COPY", 14],
      ["HEALTHCHECK", 15],
      ["USER", 16],
      ["CMD", 17],
    ]);
  });

  it("splits stages and substitutes the global ARG defaults into FROM", () => {
    const { stages, globalArgs } = parseDockerfile(twoStages);
    expect([...globalArgs]).toEqual([
      ["DEBIAN_IMAGE", "debian:bookworm-slim"],
      ["BASE_IMAGE", "tiny/base:scratch"],
    ]);
    expect(stages.map((s) => [s.name, s.image, s.resolvedImage, s.instructions.length])).toEqual([
      ["build", "${DEBIAN_IMAGE}", "debian:bookworm-slim", 2],
      [undefined, "$BASE_IMAGE", "tiny/base:scratch", 4],
    ]);
  });

  it("reads flags, and the exec form as words only when it is a JSON array of strings", () => {
    const { instructions } = parseDockerfile(twoStages);
    const [, copyFrom] = instructions.filter((i) => i.keyword === "COPY");
    expect(copyFrom).toMatchObject({ flags: { from: "build" }, text: "/rootfs/ /" });
    expect(instructions.at(-1)!.json).toEqual(["sh", "-c", "echo ok"]);
    const shellForm = parseDockerfile('FROM scratch\nCMD ["unterminated\nENTRYPOINT [1, 2]\n').instructions;
    expect(shellForm.slice(1).map((i) => [i.text, i.json])).toEqual([
      ['["unterminated', undefined],
      ["[1, 2]", undefined],
    ]);
  });

  it("reads --flags only where Docker does: CMD --help is an argument", () => {
    const [, cmd] = parseDockerfile("FROM scratch\nCMD --help\n").instructions;
    expect(cmd).toMatchObject({ flags: {}, text: "--help" });
  });

  it("knows an earlier stage by name, whatever its case", () => {
    const { stages } = parseDockerfile("FROM alpine:3.24 AS Tools\nFROM tools\nFROM scratch\n");
    expect(stages.map((s) => s.fromStage)).toEqual([undefined, 0, undefined]);
  });

  it("follows an escape directive, and reads directives only at the very top", () => {
    const backtick = parseDockerfile("# escape=`\nFROM scratch\nRUN a `\n  b\n");
    expect(backtick.directives).toEqual({ escape: "`" });
    expect(backtick.instructions[1]!.text).toBe("a   b");
    const late = parseDockerfile("# a comment\n# escape=`\nFROM scratch\n");
    expect(late.directives).toEqual({});
  });

  it("reads ARG defaults with quotes and several names on one line", () => {
    const { globalArgs } = parseDockerfile(`ARG A=1 B="two words" C\nFROM scratch\n`);
    expect([...globalArgs]).toEqual([
      ["A", "1"],
      ["B", "two words"],
      ["C", undefined],
    ]);
  });

  const failures: Array<[string, string, RegExp]> = [
    ["an unknown instruction", "FROM scratch\nRUNN true\n", /^line 2: unknown instruction RUNN$/],
    ["an instruction before FROM", "ARG X=1\nRUN true\nFROM scratch\n", /^line 2: RUN before the first FROM/],
    ["no FROM at all", "# nothing\nARG X=1\n", /no FROM/],
    ["an instruction without arguments", "FROM scratch\nUSER\n", /^line 2: USER needs arguments$/],
    ["a FROM with more than a name", "FROM alpine:3.24 AS a b\n", /^line 1: FROM .*AS name/],
    ["an ARG that is no variable name", "ARG 1X=y\nFROM scratch\n", /^line 1: ARG 1X=y/],
    ["an unterminated quote", 'ARG X="y\nFROM scratch\n', /^line 1: unterminated " quote/],
    ["an unknown escape character", "# escape=!\nFROM scratch\n", /escape=!/],
  ];
  it.each(failures)("refuses %s, saying where", (_, text, message) => {
    const error = (() => {
      try {
        parseDockerfile(text);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DockerfileSyntaxError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("substitute", () => {
  const values = new Map<string, string | undefined>([
    ["IMAGE", "alpine"],
    ["TAG", "3.24"],
    ["EMPTY", undefined],
  ]);
  it.each([
    ["${IMAGE}:$TAG", "alpine:3.24", []],
    ["${MISSING:-debian}:${TAG:+x}", "debian:x", []],
    ["${EMPTY:+set}${EMPTY:-unset}", "unset", []],
    ["$MISSING:${EMPTY}", ":", ["MISSING", "EMPTY"]],
    ["cost \\$5 $ alone", "cost $5 $ alone", []],
  ])("%s becomes %s", (text, value, unresolved) => {
    expect(substitute(text, values)).toEqual({ value, unresolved });
  });
});

describe("isPinnedReference", () => {
  it.each([
    ["alpine:3.24", true],
    ["centos:7", true],
    ["tiny/base:alpine", true],
    ["registry.example:5000/team/app:1.2", true],
    [`debian@sha256:${"a".repeat(64)}`, true],
    ["alpine", false],
    ["alpine:latest", false],
    ["registry.example:5000/team/app", false],
    ["", false],
  ])("%s: %s", (reference, pinned) => {
    expect(isPinnedReference(reference)).toBe(pinned);
  });
});

describe("users, health checks and build-context sources", () => {
  const [build, final] = parseDockerfile(twoStages).stages;

  it("finds the last USER of a stage, and tells root by name or id", () => {
    expect(finalUser(final!)).toBe("app");
    expect(finalUser(build!)).toBeUndefined();
    expect(["root", "0", "root:app", "000:0"].map(isRootUser)).toEqual([true, true, true, true]);
    expect(["app", "10001", "mysql:mysql", "rooted"].map(isRootUser)).toEqual([false, false, false, false]);
  });

  it("reads HEALTHCHECK CMD in either form, and NONE", () => {
    expect(healthcheckOf(final!)).toEqual(["healthcheck"]);
    expect(healthcheckOf(build!)).toBeUndefined();
    const [shell] = parseDockerfile("FROM scratch\nHEALTHCHECK CMD wget -q -O - http://127.0.0.1/\n").stages;
    expect(healthcheckOf(shell!)).toBe("wget -q -O - http://127.0.0.1/");
    const [none] = parseDockerfile("FROM scratch\nHEALTHCHECK none\n").stages;
    expect(healthcheckOf(none!)).toBe("none");
    expect(() => parseDockerfile("FROM scratch\nHEALTHCHECK --interval=5s\n")).toThrow(/HEALTHCHECK needs arguments/);
    const [broken] = parseDockerfile("FROM scratch\nHEALTHCHECK --interval=5s healthcheck\n").stages;
    expect(() => healthcheckOf(broken!)).toThrow(/line 2: HEALTHCHECK healthcheck: expected NONE or CMD/);
  });

  it("lists what COPY and ADD take from the build context, and nothing for --from", () => {
    const { instructions } = parseDockerfile(
      'FROM scratch\nCOPY a/b c /dest/\nADD ["with space", "/x"]\nCOPY --from=build /rootfs/ /\nCOPY --chmod=755 bin/ /bin/\n',
    );
    expect(instructions.slice(1).map(contextSources)).toEqual([["a/b", "c"], ["with space"], [], ["bin/"]]);
  });
});
