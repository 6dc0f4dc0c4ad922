// TINY_DEBIAN_SNAPSHOT as apt sources: the one place that says which
// archives of a snapshot a Debian suite installs from, for the bootstrap
// (mmdebstrap's mirror arguments) and the scratch build stage (apt-install.sh
// writes them over the image's own sources).

/**
 * The sources.list lines of a snapshot of the Debian archive for `suite`:
 * the suite and its updates from the snapshot, its security updates from the
 * security archive's snapshot of the same moment (snapshot.debian.org keeps
 * it beside: /archive/debian-security/<time>). A snapshot's Release files
 * have long expired, hence check-valid-until=no; they are still signed, and
 * apt still checks that.
 */
export function snapshotSources(snapshot: string, suite: string): string[] {
  const security = snapshot.replace(/\/archive\/debian\/(?=[^/]+$)/, "/archive/debian-security/");
  const line = (url: string, dist: string): string => `deb [check-valid-until=no] ${url} ${dist} main`;
  return [line(snapshot, suite), line(snapshot, `${suite}-updates`), line(security, `${suite}-security`)];
}
