// `npm run report -- <report.json>`: the markdown page of a report a run
// wrote (latest.json or any history file), rendered from that file alone,
// byte for byte what the run wrote as latest.md.
import path from "node:path";
import { renderMarkdown } from "./render-markdown.js";
import { readReport } from "./read-report.js";

const usage = "usage: npm run report -- <report.json>   (e.g. reports/latest.json or a file in reports/history/)";

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === "-h" || argv[0] === "--help") {
    process.stdout.write(`${usage}\nPrints the report's markdown page on stdout.\n`);
    return 0;
  }
  if (argv.length !== 1 || argv[0]!.startsWith("-")) {
    process.stderr.write(`report: give one report file; ${usage}\n`);
    return 2;
  }
  try {
    // npm runs scripts in the package's folder; a relative path means where the user typed it.
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), argv[0]!);
    process.stdout.write(renderMarkdown(await readReport(file)));
    return 0;
  } catch (error) {
    process.stderr.write(`report: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
