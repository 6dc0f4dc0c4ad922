// The order of nginx-php's two request timers, read from the files every
// flavor copies: PHP-FPM ends a stuck request (request_terminate_timeout,
// checked every third of it, so up to 4/3 of it) before nginx stops waiting
// for it (fastcgi_read_timeout, 60 s when unset). The slow tier waits the
// shipped timer out on every flavor (suites/nginx-php-timeouts.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (name: string): string => readFileSync(new URL(`./conf/${name}`, import.meta.url), "utf8");

/** Seconds of an nginx or PHP-FPM time value: 40, 40s, 2m. */
function seconds(value: string): number {
  const match = /^(\d+)(s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`not a time: ${value}`);
  return Number(match[1]) * (match[2] === "m" ? 60 : 1);
}

describe("nginx-php's request timers", () => {
  const terminate = /^request_terminate_timeout\s*=\s*(\S+)/m.exec(read("php-fpm.conf"))?.[1];
  const nginxRead = /^\s*fastcgi_read_timeout\s+([^;]+);/m.exec(read("nginx.conf"))?.[1];

  it("PHP-FPM ends a stuck request: request_terminate_timeout is set", () => {
    expect(terminate).toBeDefined();
    expect(seconds(terminate!)).toBeGreaterThan(0);
  });

  it("before nginx gives up on it: 4/3 of request_terminate_timeout is under fastcgi_read_timeout", () => {
    const nginxSeconds = nginxRead === undefined ? 60 : seconds(nginxRead);
    expect((seconds(terminate!) * 4) / 3).toBeLessThan(nginxSeconds);
  });
});
