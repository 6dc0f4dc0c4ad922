import { describe, expect, it } from "vitest";
import { cgroupCpuFile, cpuPerAnswerUs, parseCgroupCpu } from "./server-cpu.js";

describe("cgroupCpuFile", () => {
  it("finds cgroup v1's cpuacct.usage, under the hierarchy's own mount name", () => {
    const docker20 = "9:name=systemd:/docker/abc\n2:cpuacct:/docker/abc\n1:cpu:/docker/abc\n0::/\n";
    expect(cgroupCpuFile(docker20)).toEqual({ path: "/sys/fs/cgroup/cpuacct/docker/abc/cpuacct.usage", unit: "ns" });
    const joined = "4:cpu,cpuacct:/system.slice/docker-abc.scope\n0::/system.slice/docker-abc.scope\n";
    expect(cgroupCpuFile(joined)?.path).toBe("/sys/fs/cgroup/cpu,cpuacct/system.slice/docker-abc.scope/cpuacct.usage");
  });

  it("finds cgroup v2's cpu.stat where only the unified hierarchy is there", () => {
    expect(cgroupCpuFile("0::/system.slice/docker-abc.scope\n")).toEqual({
      path: "/sys/fs/cgroup/system.slice/docker-abc.scope/cpu.stat",
      unit: "usec",
    });
    expect(cgroupCpuFile("")).toBeUndefined();
  });
});

describe("parseCgroupCpu", () => {
  it("reads nanoseconds from cpuacct.usage and microseconds from cpu.stat", () => {
    expect(parseCgroupCpu("123456789\n", "ns")).toBe(123_456_789);
    expect(parseCgroupCpu("usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n", "usec")).toBe(2_500_000);
    expect(() => parseCgroupCpu("user_usec 1\n", "usec")).toThrow("no CPU time");
  });
});

describe("cpuPerAnswerUs", () => {
  it("is µs of CPU per answer, and nothing without answers", () => {
    expect(cpuPerAnswerUs(3_000_000, 20)).toBe(150);
    expect(cpuPerAnswerUs(3_000_000, 0)).toBeUndefined();
  });
});
