import { describe, expect, it } from "vitest";
import { requestsPerBurst } from "./client.js";

describe("requestsPerBurst", () => {
  it("sends what the target answered in a burst's time during the warm-up, a second's worth at least", () => {
    expect(requestsPerBurst(3_000, 0.5, 16)).toBe(3_000);
    expect(requestsPerBurst(3_333, 2, 16)).toBe(6_666);
  });

  it("sends at least two requests per connection, however slow the target", () => {
    expect(requestsPerBurst(10, 0.5, 16)).toBe(32);
  });
});
