// Makes a built image's bytes a function of its content: the classic
// builder of Docker 20.10 stamps `created` with the daemon's clock, ignores
// SOURCE_DATE_EPOCH (moby#43124) and keeps the times files had when the
// build made them. The image is saved (docker-archive: manifest.json, the
// config, uncompressed layers), each of its own layers rewritten with its
// entries sorted and every time clamped to one epoch, its config's times set
// to that epoch, and loaded back under the same tag. Its image ID, the
// sha256 of the config, then depends on its inputs alone.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { extract, pack, type Header as TarHeader } from "tar-stream";

/** An entry's header as written: tar-stream fills in what is left out. */
type Header = Partial<TarHeader> & Pick<TarHeader, "name">;

/** A file of an archive, read whole. */
export interface ArchiveEntry {
  readonly header: Header;
  readonly body: Buffer;
}

export async function readArchive(stream: NodeJS.ReadableStream): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  for await (const entry of stream.pipe(extract())) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.push({ header: entry.header, body: Buffer.concat(chunks) });
  }
  return entries;
}

export async function writeArchive(entries: readonly ArchiveEntry[]): Promise<Buffer> {
  const packer = pack();
  const done = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of packer) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  })();
  for (const { header, body } of entries) {
    await new Promise<void>((resolve, reject) => packer.entry(header, body, (error) => (error ? reject(error) : resolve())));
  }
  packer.finalize();
  return done;
}

const sha256 = (bytes: Buffer | string): string => createHash("sha256").update(bytes).digest("hex");

// Access and change times say when the build ran, nothing about the content;
// the name, link target and size are written afresh from the header.
const droppedPax = new Set(["atime", "ctime", "mtime", "LIBARCHIVE.creationtime", "path", "linkpath", "size"]);

/** One entry as the normalised layer holds it: its time at most `epoch`, no access or change time. */
function normaliseHeader(header: Header, epoch: Date): Header {
  const mtime = header.mtime && header.mtime < epoch ? new Date(Math.floor(header.mtime.getTime() / 1000) * 1000) : epoch;
  const records = (header.pax ?? {}) as Record<string, string>;
  const pax = Object.fromEntries(Object.entries(records).filter(([key]) => !droppedPax.has(key)));
  const rest: Header = { ...header };
  delete rest.pax;
  return { ...rest, mtime, ...(Object.keys(pax).length > 0 ? { pax } : {}) };
}

/**
 * A layer's tar with its entries in byte order of their names (a directory
 * before what it holds) and hard links last, after what they link to; every
 * time clamped to `epoch`.
 */
export async function normaliseLayer(layer: Buffer, epoch: Date): Promise<Buffer> {
  const entries = await readArchive(Readable.from([layer]));
  const order = (a: ArchiveEntry, b: ArchiveEntry): number => {
    const links = Number(a.header.type === "link") - Number(b.header.type === "link");
    return links || Buffer.compare(Buffer.from(a.header.name), Buffer.from(b.header.name));
  };
  return writeArchive([...entries].sort(order).map(({ header, body }) => ({ header: normaliseHeader(header, epoch), body })));
}

type Config = Record<string, unknown> & {
  history?: Array<Record<string, unknown>>;
  rootfs: { type: string; diff_ids: string[] };
};

/**
 * The config with its times set to `epoch` and what names the build's
 * machine dropped (the build container's ID and settings, the engine's
 * version, the intermediate image it was committed from); its layers' new
 * digests.
 */
export function normaliseConfig(config: Config, diffIds: readonly string[], epoch: Date): Buffer {
  const kept: Record<string, unknown> = { ...config };
  for (const machine of ["container", "container_config", "docker_version"]) delete kept[machine];
  const created = epoch.toISOString().replace(".000Z", "Z");
  // The runtime config's Image names the intermediate image the last step
  // was committed from: the builder's, not the content's.
  const runtime = kept.config && typeof kept.config === "object" ? { config: { ...kept.config, Image: "" } } : {};
  const normalised = {
    ...kept,
    ...runtime,
    created,
    ...(config.history ? { history: config.history.map((step) => ({ ...step, created })) } : {}),
    rootfs: { ...config.rootfs, diff_ids: [...diffIds] },
  };
  return Buffer.from(JSON.stringify(normalised));
}

interface Manifest {
  readonly Config: string;
  readonly RepoTags?: readonly string[] | null;
  readonly Layers: readonly string[];
}

const file = (name: string, body: Buffer, epoch: Date): ArchiveEntry => ({
  header: { name, size: body.length, mode: 0o644, mtime: epoch, type: "file" },
  body,
});

/**
 * A `docker save` archive of one image rewritten as above: the layers the
 * parent already has (`keep`, by diff ID) stay as they are, so a base's layer
 * is still shared; the others are normalised. Returns the archive to load
 * and the image ID it will have.
 */
export async function normaliseSaved(
  saved: readonly ArchiveEntry[],
  tag: string,
  epoch: Date,
  keep: ReadonlySet<string> = new Set(),
): Promise<{ archive: Buffer; id: string }> {
  const byName = new Map(saved.map((entry) => [entry.header.name.replace(/^\.\//, ""), entry]));
  const body = (name: string): Buffer => {
    const entry = byName.get(name);
    if (!entry) throw new Error(`the saved image ${tag} has no ${name}`);
    // A layer saved once may be linked from another path.
    return entry.header.type === "symlink" && entry.header.linkname
      ? body(new URL(entry.header.linkname, `file:///${name}`).pathname.slice(1))
      : entry.body;
  };
  const [manifest] = JSON.parse(body("manifest.json").toString("utf8")) as Manifest[];
  if (!manifest) throw new Error(`the saved image ${tag} has an empty manifest.json`);
  const layers: Buffer[] = [];
  for (const name of manifest.Layers) {
    const layer = body(name);
    layers.push(keep.has(`sha256:${sha256(layer)}`) ? layer : await normaliseLayer(layer, epoch));
  }
  const diffIds = layers.map((layer) => `sha256:${sha256(layer)}`);
  const config = normaliseConfig(JSON.parse(body(manifest.Config).toString("utf8")) as Config, diffIds, epoch);
  const id = sha256(config);
  const names = diffIds.map((diffId) => `${diffId.slice("sha256:".length)}/layer.tar`);
  const newManifest = [{ Config: `${id}.json`, RepoTags: [tag], Layers: names }];
  // Two steps may make the same layer: the archive holds it once.
  const unique = [...new Map(names.map((name, i) => [name, layers[i]!])).entries()];
  const archive = await writeArchive([
    ...unique.map(([name, layer]) => file(name, layer, epoch)),
    file(`${id}.json`, config, epoch),
    file("manifest.json", Buffer.from(JSON.stringify(newManifest)), epoch),
  ]);
  return { archive, id: `sha256:${id}` };
}
