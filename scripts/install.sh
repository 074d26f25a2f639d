#!/bin/sh
# Installs triage from its unpacked release tarball (this script ships in it as install.sh):
# the binary, the man page, and completions where bash, zsh and fish look for them.
#
#   ./install.sh                  into ~/.local (as root: /usr/local)
#   ./install.sh --prefix DIR     into DIR/bin, DIR/share/man/man1, DIR/share/...
#
# Needs only a POSIX shell and coreutils; it never asks for root itself.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 64; }; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (try --help)" >&2; exit 64 ;;
  esac
done

# Refuse a tarball that was damaged on its way here.
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$here" && sha256sum --quiet -c SHA256SUMS) || { echo "install.sh: SHA256SUMS does not match; not installing" >&2; exit 1; }
fi

put() { # mode source destination
  mkdir -p "$(dirname "$3")"
  cp "$2" "$3.tmp.$$" && chmod "$1" "$3.tmp.$$" && mv -f "$3.tmp.$$" "$3"
  echo "  $3"
}

echo "installing triage into $prefix"
put 0755 "$here/triage" "$prefix/bin/triage"
put 0644 "$here/triage.1" "$prefix/share/man/man1/triage.1"
# bash-completion 2 loads $XDG_DATA_HOME/bash-completion/completions and <prefix>/share/...; fish
# reads <prefix>/share/fish/vendor_completions.d; zsh needs the directory in $fpath.
put 0644 "$here/completions/triage.bash" "$prefix/share/bash-completion/completions/triage"
put 0644 "$here/completions/_triage" "$prefix/share/zsh/site-functions/_triage"
put 0644 "$here/completions/triage.fish" "$prefix/share/fish/vendor_completions.d/triage.fish"
for f in LICENSE README.md; do put 0644 "$here/$f" "$prefix/share/doc/triage/$f"; done
for f in "$here"/themes/*.yaml; do put 0644 "$f" "$prefix/share/doc/triage/themes/$(basename "$f")"; done

case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on your PATH" ;; esac
if [ "$prefix" = "$HOME/.local" ]; then
  echo "note: for zsh completion add  fpath=(~/.local/share/zsh/site-functions \$fpath)  before compinit;"
  echo "      for fish, link ~/.local/share/fish/vendor_completions.d/triage.fish into ~/.config/fish/completions/"
fi
echo "done: run \`triage --version\`, \`man triage\`"
