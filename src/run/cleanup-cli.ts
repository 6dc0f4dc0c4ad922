// `npm run clean`: removes what dead runs left behind. With --owner PID --run
// ID, removes what that run created (how a run cleans up synchronously on
// Ctrl-C or SIGTERM, within its budget: see removeOwnedBySync).
import { parseArgs } from "node:util";
import { describeRemoved, removeLeftovers, removeOwnedBy } from "./cleanup.js";

function parse(): { owner: number; run: string } | "leftovers" | undefined {
  try {
    const { values, positionals } = parseArgs({ options: { owner: { type: "string" }, run: { type: "string" } }, allowPositionals: true });
    if (positionals.length > 0) return undefined;
    if (values.owner === undefined && values.run === undefined) return "leftovers";
    if (!values.owner || !/^\d+$/.test(values.owner) || !values.run) return undefined;
    return { owner: Number(values.owner), run: values.run };
  } catch {
    return undefined;
  }
}

const request = parse();
try {
  if (request === undefined) {
    process.stderr.write("usage: npm run clean [-- --owner PID --run ID]\n");
    process.exitCode = 2;
  } else if (request === "leftovers") {
    const removed = await removeLeftovers();
    process.stderr.write(`[tiny] removed leftovers: ${describeRemoved(removed)}\n`);
  } else {
    const removed = await removeOwnedBy(request.owner, request.run);
    process.stderr.write(`[tiny] removed ${describeRemoved(removed)}\n`);
  }
} catch (error) {
  process.stderr.write(`[tiny] clean-up: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
// A call the deadline abandoned must not keep the process waiting.
process.exit();
