import { describe, expect, it } from "vitest";
import { configureTestcontainers, engineLocation } from "./docker.js";

describe("engineLocation", () => {
  it("takes no DOCKER_HOST, or a unix socket, for this machine's engine", () => {
    expect(engineLocation({})).toEqual({ remote: false, host: "localhost", name: "local socket" });
    expect(engineLocation({ DOCKER_HOST: "unix:///run/docker-x.sock" })).toMatchObject({
      remote: false,
      name: "unix:///run/docker-x.sock",
    });
  });

  it("takes tcp:// for an engine elsewhere, reached at the URL's host", () => {
    expect(engineLocation({ DOCKER_HOST: "tcp://10.0.0.7:2375" })).toEqual({ remote: true, host: "10.0.0.7", name: "tcp://10.0.0.7:2375" });
    expect(engineLocation({ DOCKER_HOST: "tcp://[fd00::7]:2376" }).host).toBe("fd00::7");
    expect(engineLocation({ DOCKER_HOST: "tcp://bench-server:2375" }).host).toBe("bench-server");
  });

  it("refuses what it can't reach, in one line naming the fix", () => {
    expect(() => engineLocation({ DOCKER_HOST: "ssh://me@server" })).toThrow(
      "DOCKER_HOST=ssh://me@server: only unix:// and tcp:// engines are supported; forward an ssh engine with ssh -L and give tcp://",
    );
    expect(() => engineLocation({ DOCKER_HOST: "server:2375" })).toThrow(/only unix:\/\/ and tcp:\/\//);
    expect(() => engineLocation({ DOCKER_HOST: "::nonsense" })).toThrow("DOCKER_HOST=::nonsense is not a URL");
  });
});

describe("configureTestcontainers", () => {
  it("points Testcontainers at the engine's host, unless the user said otherwise", () => {
    const remote: NodeJS.ProcessEnv = { DOCKER_HOST: "tcp://10.0.0.7:2375" };
    configureTestcontainers(remote);
    expect(remote).toMatchObject({ TESTCONTAINERS_HOST_OVERRIDE: "10.0.0.7", TESTCONTAINERS_RYUK_DISABLED: "true" });
    const chosen: NodeJS.ProcessEnv = { DOCKER_HOST: "tcp://10.0.0.7:2375", TESTCONTAINERS_HOST_OVERRIDE: "gateway" };
    configureTestcontainers(chosen);
    expect(chosen.TESTCONTAINERS_HOST_OVERRIDE).toBe("gateway");
  });
});
