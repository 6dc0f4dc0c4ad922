import { describe, expect, it } from "vitest";
import { cgroupCpuFile, cpuPerAnswerUs, parseCpuacct, parseCpuStat, perAnswerUs, splitSpan } from "./server-cpu.js";

describe("cgroupCpuFile", () => {
  it("finds cgroup v1's cpuacct folder, under the hierarchy's own mount name", () => {
    const docker20 = "9:name=systemd:/docker/abc\n2:cpuacct:/docker/abc\n1:cpu:/docker/abc\n0::/\n";
    expect(cgroupCpuFile(docker20)).toEqual({ version: 1, dir: "/sys/fs/cgroup/cpuacct/docker/abc" });
    const joined = "4:cpu,cpuacct:/system.slice/docker-abc.scope\n0::/system.slice/docker-abc.scope\n";
    expect(cgroupCpuFile(joined)).toEqual({ version: 1, dir: "/sys/fs/cgroup/cpu,cpuacct/system.slice/docker-abc.scope" });
  });

  it("finds cgroup v2's cpu.stat where only the unified hierarchy is there", () => {
    expect(cgroupCpuFile("0::/system.slice/docker-abc.scope\n")).toEqual({
      version: 2,
      path: "/sys/fs/cgroup/system.slice/docker-abc.scope/cpu.stat",
    });
    expect(cgroupCpuFile("")).toBeUndefined();
  });
});

describe("reading a cgroup's CPU time", () => {
  it("reads cgroup v2's cpu.stat: the total and its user and system parts, as ns", () => {
    expect(parseCpuStat("usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 0\n")).toEqual({
      totalNs: 2_500_000,
      userNs: 2_000_000,
      systemNs: 500_000,
    });
    expect(parseCpuStat("usage_usec 7\n")).toEqual({ totalNs: 7000 });
    expect(() => parseCpuStat("user_usec 1\n")).toThrow("no CPU time");
  });

  it("reads cgroup v1's cpuacct.usage, split by usage_all's rows per CPU", () => {
    const all = "cpu user system\n0 100 40\n1 300 60\n";
    expect(parseCpuacct("123456789\n", all)).toEqual({ totalNs: 123_456_789, userNs: 400, systemNs: 100 });
    expect(parseCpuacct("5\n", undefined)).toEqual({ totalNs: 5 });
    expect(parseCpuacct("5\n", "cpu user system\n")).toEqual({ totalNs: 5 });
    expect(() => parseCpuacct("\n", all)).toThrow("no CPU time");
  });

  it("splits a span's exact total in the shares of the ticks that fell in it, and not at all when none did", () => {
    const before = { totalNs: 0, userNs: 1_000, systemNs: 1_000 };
    expect(splitSpan(900, before, { totalNs: 0, userNs: 3_000, systemNs: 2_000 })).toEqual({ totalNs: 900, userNs: 600, systemNs: 300 });
    expect(splitSpan(900, before, before)).toEqual({ totalNs: 900 });
    expect(splitSpan(900, { totalNs: 0 }, { totalNs: 5 })).toEqual({ totalNs: 900 });
  });

  it("divides each part by the burst's answers, a burst with none counting as one", () => {
    expect(perAnswerUs({ totalNs: 3_000_000, userNs: 2_000_000, systemNs: 1_000_000 }, 20)).toEqual({
      cpuUs: 150,
      userUs: 100,
      systemUs: 50,
    });
    expect(perAnswerUs({ totalNs: 3_000 }, 0)).toEqual({ cpuUs: 3 });
  });
});

describe("cpuPerAnswerUs", () => {
  it("is µs of CPU per answer, and nothing without answers", () => {
    expect(cpuPerAnswerUs(3_000_000, 20)).toBe(150);
    expect(cpuPerAnswerUs(3_000_000, 0)).toBeUndefined();
  });
});
