# Usage: awk -f package-closure.awk INSTALLED EXCLUDED WANTED
# INSTALLED: status, package, provides, "pre-depends, depends" (dpkg-query).
# EXCLUDED: package names left out whole, with whose rule it is.
# WANTED: the packages an image asks for.
# Prints "keep<TAB>package" for every package of the dependency closure, and
# "stop<TAB>package<TAB>excluded" for every installed package that only an
# excluded one brings in (the excluded one among them, and a wanted package
# that is excluded too), so its files count as that exclusion's, but for a
# path a keep rule names exactly.
BEGIN { FS = "\t" }
FILENAME == ARGV[1] {
  installed[$2] = 1
  deps[$2] = $4
  n = split($3, provides, ",")
  for (i = 1; i <= n; i++) {
    virtual = bare(provides[i])
    if (virtual != "" && !(virtual in provider)) provider[virtual] = $2
  }
  next
}
FILENAME == ARGV[2] { excluded[$1] = 1; order[++excludedCount] = $1; next }
{ wanted[++wantedCount] = $1 }

# "libfoo1:any (>= 1.2)" -> "libfoo1"
function bare(text) {
  sub(/\(.*\)/, "", text)
  gsub(/[ \t]/, "", text)
  sub(/:.*/, "", text)
  return text
}

# The installed package that satisfies "a | b | c", or "" when none does.
function choose(group, alternatives, n, i, name) {
  n = split(group, alternatives, "|")
  for (i = 1; i <= n; i++) {
    name = bare(alternatives[i])
    if (name in installed) return name
    if (name in provider) return provider[name]
  }
  return ""
}

# Walks from one package, marking what it reaches in mark[] with label, and
# never entering a package already marked or (when stopAtExcluded) excluded.
function walk(start, label, stopAtExcluded, queue, head, tail, package, groups, n, i, next_) {
  head = 1; tail = 0
  if (start in mark) return
  mark[start] = label; queue[++tail] = start
  while (head <= tail) {
    package = queue[head++]
    n = split(deps[package], groups, ",")
    for (i = 1; i <= n; i++) {
      next_ = choose(groups[i])
      if (next_ == "" || next_ in mark) continue
      if (stopAtExcluded && next_ in excluded) continue
      mark[next_] = label; queue[++tail] = next_
    }
  }
}

END {
  for (i = 1; i <= wantedCount; i++) {
    if (!(wanted[i] in installed)) { print "package-closure: " wanted[i] " is not installed" > "/dev/stderr"; exit 1 }
    # Wanted and excluded whole: wanted for the one path a keep rule names
    # exactly (util-linux's flock), left out otherwise, and so is what it
    # depends on.
    if (wanted[i] in excluded) { mark[wanted[i]] = wanted[i]; continue }
    walk(wanted[i], "keep", 1)
  }
  for (package in mark) if (mark[package] == "keep") print "keep\t" package
  # Only what the kept packages depend on counts against an exclusion.
  for (i = 1; i <= excludedCount; i++) {
    if (!(order[i] in installed) || order[i] in mark) continue
    if (!reached(order[i])) continue
    walk(order[i], order[i], 0)
  }
  for (package in mark) if (mark[package] != "keep") print "stop\t" package "\t" mark[package]
}

# Whether a kept package depends on this excluded one.
function reached(name, package, groups, n, i) {
  for (package in mark) {
    if (mark[package] != "keep") continue
    n = split(deps[package], groups, ",")
    for (i = 1; i <= n; i++) if (choose(groups[i]) == name) return 1
  }
  return 0
}
