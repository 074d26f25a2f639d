#!/usr/bin/env bash
# Builds the release you copy to a bastion: dist/triage-VERSION-linux-ARCH.tar.gz, holding one
# `triage` executable that needs only glibc and the host's terminfo (the Swift runtime and Foundation
# linked with --static-swift-stdlib; ncursesw, tinfo, SQLite, cmark-gfm and libstdc++ from the
# static archives Debian's -dev packages ship), its man page, bash/zsh/fish completions, LICENSE,
# README.md, themes/, install.sh and SHA256SUMS.
#
# The build has its own scratch path (.build-release-static), so it never disturbs the debug build.
# A tarball made from the same inputs (sources, Package.resolved, themes, these scripts) is reused:
# the second run prints its path at once. Prints the tarball's path as its last line of stdout.
#
#   scripts/package.sh            build (or reuse) the tarball
#   TRIAGE_PACKAGE_FORCE=1        rebuild even when the inputs have not changed
#   TRIAGE_PACKAGE_CACHE=DIR      also keep each tarball in DIR by the hash of its inputs, and reuse
#                                 it from there (scripts/test-package.sh sets this, so CI's fresh
#                                 clones do not rebuild an unchanged release)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-release-static
arch=$(uname -m)
multiarch="/usr/lib/$arch-linux-gnu"

# What the tarball is made from; a change to any of these makes a new one.
inputs_hash() {
  {
    find Sources themes -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum Package.swift LICENSE README.md scripts/package.sh scripts/gen-manpage.py scripts/install.sh \
      scripts/link-order.txt
    [ ! -f Package.resolved ] || sha256sum Package.resolved
    swift --version 2>/dev/null
  } | sha256sum | cut -d' ' -f1
}
# Pins first: a fresh clone has no Package.resolved until SwiftPM resolves, and the hash must name
# the dependency versions the build will use.
[ -f Package.resolved ] || swift package resolve --scratch-path "$scratch" >&2
hash=$(inputs_hash)
stamp="$scratch/package.stamp"
cache="${TRIAGE_PACKAGE_CACHE:-}"
# Keeps a tarball (and its .sha256) in $cache under the hash of its inputs, with the five newest.
store_in_cache() {
  [ -n "$cache" ] && [ ! -f "$cache/$hash/name" ] || return 0
  local name; name=$(basename "$1" .tar.gz)
  mkdir -p "$cache/$hash.tmp.$$"
  cp "$1" "$1.sha256" "$cache/$hash.tmp.$$/" && echo "$name" > "$cache/$hash.tmp.$$/name"
  mv -T "$cache/$hash.tmp.$$" "$cache/$hash" 2>/dev/null || rm -rf "$cache/$hash.tmp.$$"   # another run stored it first
  ls -1dt "$cache"/*/ 2>/dev/null | tail -n +6 | xargs -r rm -rf
}
if [ -z "${TRIAGE_PACKAGE_FORCE:-}" ] && [ -f "$stamp" ]; then
  read -r stamped_hash stamped_tarball < "$stamp" || true
  if [ "$stamped_hash" = "$hash" ] && [ -f "$stamped_tarball" ]; then
    echo "package.sh: sources unchanged; reusing $stamped_tarball" >&2
    store_in_cache "$stamped_tarball"
    echo "$stamped_tarball"
    exit 0
  fi
fi
if [ -z "${TRIAGE_PACKAGE_FORCE:-}" ] && [ -n "$cache" ] && [ -f "$cache/$hash/name" ]; then
  name=$(cat "$cache/$hash/name")
  if [ -f "$cache/$hash/$name.tar.gz" ]; then
    mkdir -p dist "$scratch"
    cp "$cache/$hash/$name.tar.gz" "$cache/$hash/$name.tar.gz.sha256" dist/
    echo "$hash dist/$name.tar.gz" > "$stamp"
    echo "package.sh: sources unchanged; reusing dist/$name.tar.gz from $cache" >&2
    echo "dist/$name.tar.gz"
    exit 0
  fi
fi

# The static archives, alone in one directory. SwiftPM puts the -L of each pkg-config file
# (ncursesw, libcmark-gfm) first on the link line, so those two files are copied with their -L
# pointing here: `-lncursesw`, `-ltinfo`, `-lcmark-gfm`, GRDB's autolinked `-lsqlite3` and the
# toolchain's `-lstdc++` then find the .a here before any .so in $multiarch.
static_libs="$PWD/$scratch/static-libs"
rm -rf "$static_libs"
mkdir -p "$static_libs/pkgconfig"
for lib in ncursesw tinfo sqlite3 cmark-gfm cmark-gfm-extensions; do
  [ -f "$multiarch/lib$lib.a" ] || { echo "package.sh: $multiarch/lib$lib.a is missing: run scripts/setup.sh" >&2; exit 1; }
  ln -s "$multiarch/lib$lib.a" "$static_libs/"
done
libstdcxx=$(ls -1 /usr/lib/gcc/"$arch"-linux-gnu/*/libstdc++.a 2>/dev/null | sort -V | tail -n1)
[ -n "$libstdcxx" ] || { echo "package.sh: no libstdc++.a (libstdc++-dev) for $arch" >&2; exit 1; }
ln -s "$libstdcxx" "$static_libs/"
# What clang's -static-libgcc does, for the link only: the driver's `-lgcc_s` (the unwinder that
# libstdc++ and Swift's runtime use) finds GCC's static libgcc_eh.a under that name. Passing
# -static-libgcc itself would need -Xswiftc, which changes every compile command.
ln -s "$(dirname "$libstdcxx")/libgcc_eh.a" "$static_libs/libgcc_s.a"
for pc in ncursesw libcmark-gfm; do
  source_pc="$(pkg-config --variable=pcfiledir "$pc")/$pc.pc"
  sed -e "s|^libdir=.*|libdir=$static_libs|" -e "s|-L[^ ]*|-L$static_libs|g" "$source_pc" > "$static_libs/pkgconfig/$pc.pc"
done
export PKG_CONFIG_PATH="$static_libs/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

# How the code is laid out, for what stays resident (docs/PERFORMANCE.md (i), round four). The
# kernel maps the binary's text 64 KB around each page fault, so code that start-up and the idle
# screen run, spread over 24 MB of text, kept ~18 MB resident. So: every function of our Swift
# targets in a section of its own (-function-sections; the toolchain's own archives come that way
# for Foundation, not for the standard library's one object), laid out by lld in the order of
# scripts/link-order.txt (the functions a recorded run executed, scripts/gen-link-order.sh), first
# in .text. lld, not the toolchain's default gold, because only lld takes a symbol order and packs
# the 102,000 relative relocations of the position-independent executable (DT_RELR, glibc 2.36):
# 2.4 MB of .rela.dyn read at every start become 20 KB. -Xswiftc flags reach every Swift compile
# command as well as the link, so changing them rebuilds everything once.
# The executable exports no symbol (the driver's -export-dynamic put 1.5 MB of our functions' names
# in the dynamic symbol table, which the dynamic loader searches while it binds glibc: all of it
# ended up resident). Nothing looks our symbols up at run time; a crash's backtrace in the
# diagnostic log names offsets (docs/CLI.md), Swift's own on stderr reads the kept symbol table.
# The link map (triage.map in the scratch path) is what scripts/gen-link-order.sh reads to tell the
# functions that have a section of their own from those that share one.
layout=(-Xswiftc -use-ld=lld -Xswiftc -Xfrontend -Xswiftc -function-sections
  -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic
  -Xlinker --symbol-ordering-file="$PWD/scripts/link-order.txt" -Xlinker --no-warn-symbol-ordering
  -Xlinker -Map="$PWD/$scratch/triage.map" -Xlinker --no-demangle)

# The archives and the order above are not inputs SwiftPM tracks: link afresh every time.
rm -f "$scratch/release/triage"
echo "package.sh: swift build -c release --static-swift-stdlib (scratch path $scratch)" >&2
swift build -c release --product triage --scratch-path "$scratch" --static-swift-stdlib \
  -Xlinker -L"$static_libs" "${layout[@]}" >&2
binary="$scratch/release/triage"

# Only glibc may remain dynamic: anything else would not be on the bastion.
unexpected=$(ldd "$binary" | awk '{print $1}' |
  grep -Ev '^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|/lib/ld-linux-aarch64\.so\.1|ld-linux[-a-z0-9_.]*\.so\.[0-9]+|lib(c|m|dl|pthread|rt|util|resolv)\.so\.[0-9.]+)$' || true)
if [ -n "$unexpected" ]; then
  echo "package.sh: $binary links more than glibc:" >&2
  ldd "$binary" >&2
  exit 1
fi

version=$("$binary" --version)
name="triage-$version-linux-$arch"
stage="$scratch/package/$name"
rm -rf "$scratch/package"
mkdir -p "$stage/completions" "$stage/themes"
install -m 0755 "$binary" "$stage/triage"
# Debug info off, symbols kept: a crash backtrace still names the functions.
strip --strip-debug "$stage/triage"
"$stage/triage" --experimental-dump-help > "$scratch/package/dump-help.json"
"$stage/triage" keys > "$scratch/package/keys.tsv"
python3 scripts/gen-manpage.py "$scratch/package/dump-help.json" "$scratch/package/keys.tsv" "$version" > "$stage/triage.1"
"$stage/triage" --generate-completion-script bash > "$stage/completions/triage.bash"
"$stage/triage" --generate-completion-script zsh > "$stage/completions/_triage"
"$stage/triage" --generate-completion-script fish > "$stage/completions/triage.fish"
install -m 0644 LICENSE README.md "$stage/"
install -m 0644 themes/*.yaml "$stage/themes/"
install -m 0755 scripts/install.sh "$stage/install.sh"
(cd "$stage" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs sha256sum > SHA256SUMS)

mkdir -p dist
tarball="dist/$name.tar.gz"
# Same inputs, same bytes: sorted names, one owner, the last commit's time.
mtime=$(git log -1 --format=%cI 2>/dev/null || echo "2026-01-01T00:00:00Z")
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C "$scratch/package" -cf - "$name" | gzip -n -9 > "$tarball.tmp"
mv "$tarball.tmp" "$tarball"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$hash $tarball" > "$stamp"
store_in_cache "$tarball"
echo "package.sh: $tarball ($(du -h "$tarball" | cut -f1); triage $(du -h "$stage/triage" | cut -f1))" >&2
echo "$tarball"
