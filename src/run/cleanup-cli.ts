// `npm run clean`: removes what dead runs left behind. With --owner PID,
// removes what the run of PID created (how a run cleans up synchronously
// on Ctrl-C: see removeOwnedBySync).
import { describeRemoved, removeLeftovers, removeOwnedBy } from "./cleanup.js";

const [flag, pid] = process.argv.slice(2);
try {
  if (flag === "--owner" && pid && /^\d+$/.test(pid)) {
    const removed = await removeOwnedBy(Number(pid));
    process.stderr.write(`[tiny] removed ${describeRemoved(removed)}\n`);
  } else if (flag === undefined) {
    const removed = await removeLeftovers();
    process.stderr.write(`[tiny] removed leftovers: ${describeRemoved(removed)}\n`);
  } else {
    process.stderr.write("usage: npm run clean [-- --owner PID]\n");
    process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`[tiny] clean-up failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
