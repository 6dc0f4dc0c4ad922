// nginx-php: nginx and PHP-FPM in one container, loaded with autocannon.
import { defineImage } from "../../src/image-declaration.js";

export default defineImage({
  summary: "nginx and PHP-FPM under one supervisor, serving PHP and static files on port 80",
  flavors: ["alpine", "centos", "scratch", "debian"],
  seed: { originalMB: 446, tinyMB: 76, note: "its Alpine nginx-php lacked mysqli, pdo_mysql, opcache and mbstring" },
  parent: "base",
  ports: [80],
  // A harness page, so a ready container has run a PHP script, not only
  // answered the HEALTHCHECK's ping.
  readiness: { kind: "http", port: 80, path: "/health.php", body: "ok" },
  // The first is the main one: the headline's and the wrk check's.
  loads: {
    php: { kind: "http", endpoint: "php", label: "PHP page" },
    static: { kind: "http", endpoint: "static", label: "static file" },
  },
  software: /^PHP 8\.\d+\.\d+/,
  // nginx's 1024 worker_connections, each a client's socket and often an
  // upstream's, and PHP-FPM's 16 children: more than the default 1024.
  nofile: 4096,
  // npm run bench -- --calibrate: the PHP page against a copy doing known extra work (known-work.ts).
  calibration: { load: "php", module: "known-work.ts" },
  // The PHP probe the parity suite and the benchmark ask (parity-probe.ts).
  parity: { module: "parity-probe.ts" },
  harnessPages: { folder: "suites/fixtures/nginx-php/www", target: "/var/www/html" },
  endpoints: {
    /** JSON: PHP version, SAPI, loaded extensions. */
    php: "/index.php",
    static: "/static/gradient.png",
    form: "/form.php",
    xml: "/xml.php",
    /** A PHP file in the uploads folder, which must never run. */
    upload: "/uploads/not-executed.php",
    /** The same below an application's folder, as WordPress keeps them (wp-content/uploads/). */
    nestedUpload: "/wp-content/uploads/not-executed.php",
    /** Writes and reads rows in MariaDB through PDO and mysqli (MARIADB_* say where). */
    db: "/db.php",
    /** Counts requests in a PHP session, JSON: {"n": 1} on the first. */
    session: "/session.php",
  },
});
