# Usage: awk -f apply-exclusions.awk -v manifest=FILE -v keep=FILE RULES CLOSURE PATHS PRESENT
# RULES: kind (path, package, keep), pattern, whose, reason; the first path
# or keep rule whose pattern matches a path decides it; a package rule
# decides its package's paths, but for those a keep rule names exactly.
# CLOSURE: package-closure.awk's output. PATHS: owner, path (owner
# "package:<name>" for the files of a package left out whole).
# PRESENT: path, type, size, whether the parent image has it already.
# Writes the paths to copy to keep, and each rule with the files and bytes it
# left out (or, for keep, kept) to manifest. A path the parent already has
# costs nothing here, so it counts nowhere.
BEGIN { FS = OFS = "\t" }
FILENAME == ARGV[1] {
  rules++
  kind[rules] = $1; pattern[rules] = $2; whose[rules] = $3; reason[rules] = $4
  regex[rules] = globToRegex($2)
  if ($1 == "package") packageRule[$2] = rules
  next
}
FILENAME == ARGV[2] {
  if ($1 == "stop" && $2 != $3) also[$3] = also[$3] (also[$3] == "" ? "" : ", ") $2
  next
}
FILENAME == ARGV[3] { owner[$2] = $1; next }
{
  path = $1; type = $2; size = $3
  if ($4 == "yes") next
  rule = 0
  # A keep rule naming one exact path saves it from a package left out whole
  # (OpenSSL's configuration from the openssl package); a pattern doesn't,
  # or every left-out package's copyright would come back.
  if (owner[path] ~ /^package:/) {
    for (i = 1; i <= rules && !rule; i++) if (kind[i] == "keep" && pattern[i] == path) rule = i
    if (!rule) rule = packageRule[substr(owner[path], 9)]
  } else for (i = 1; i <= rules && !rule; i++) if (kind[i] != "package" && path ~ regex[i]) rule = i
  if (rule && type != "directory") { files[rule]++; if (type == "regular file" || type == "regular empty file") bytes[rule] += size }
  if (!rule || kind[rule] == "keep") print path > keep
}
END {
  for (i = 1; i <= rules; i++) print kind[i], pattern[i], files[i] + 0, bytes[i] + 0, whose[i], reason[i], also[pattern[i]] > manifest
}

# A shell pattern as an anchored regular expression; "*" crosses "/".
function globToRegex(glob, out, i, c) {
  out = "^"
  for (i = 1; i <= length(glob); i++) {
    c = substr(glob, i, 1)
    if (c == "*") out = out ".*"
    else if (c == "?") out = out "."
    else if (c == "[" || c == "]") out = out c
    else if (index("\\.^$+(){}|/", c)) out = out "\\" c
    else out = out c
  }
  return out "$"
}
