#!/usr/bin/env bash
# CI: build the Debian package and test it as a user would: install it, run the installed
# binary, validate its desktop entry and AppStream metainfo, check the desktop knows lesson
# files, make and open a lesson with it, then remove it and check nothing of it is left.
# Called by .ci/run after the other checks; run as root (or with passwordless sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }
sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The tools this script checks with (dpkg-dev: cargo-deb's `$auto` runs dpkg-shlibdeps).
tools=(dpkg-dev desktop-file-utils appstream shared-mime-info xdg-utils)
missing=()
for p in "${tools[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_ apt-get update -qq
  sudo_ apt-get install -y -qq "${missing[@]}"
fi

if ! cargo deb --version >/dev/null 2>&1; then
  say "installing cargo-deb"
  cargo install cargo-deb --locked
fi

say "building the package (one release build)"
rm -f target/debian/archive-timeline_*.deb
cargo deb
deb=$(ls target/debian/archive-timeline_*.deb)
echo "$deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
dpkg-deb --contents "$deb" | awk '{print $6}' | grep -v '/$'

say "installing it"
export DEBIAN_FRONTEND=noninteractive
sudo_ apt-get install -y -qq "./$deb"

app_id=org.archive_timeline.ArchiveTimeline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say "the installed binary"
test "$(command -v archive-timeline)" = /usr/bin/archive-timeline
/usr/bin/archive-timeline --version

say "a lesson made and checked by the installed binary"
data="$work/data"
/usr/bin/archive-timeline --data-dir "$data" collections create "Lesson 1"
first=$(/usr/bin/archive-timeline export --format csv | awk -F, 'NR==2 {print $1}')
/usr/bin/archive-timeline --data-dir "$data" collections add "Lesson 1" "$first" --note "Read aloud"
(cd "$work" && /usr/bin/archive-timeline --data-dir "$data" lesson export "Lesson 1")
test -f "$work/lesson-1.lesson.json"
/usr/bin/archive-timeline check "$work/lesson-1.lesson.json"

say "desktop entry and metainfo"
desktop-file-validate "/usr/share/applications/$app_id.desktop"
echo "desktop-file-validate: no error, no warning"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml"
for size in scalable/apps/archive-timeline.svg 48x48/apps/archive-timeline.png \
  128x128/apps/archive-timeline.png 256x256/apps/archive-timeline.png; do
  test -s "/usr/share/icons/hicolor/$size"
done
echo "icons: scalable, 48, 128, 256"

say "lesson files are the app's type"
sudo_ update-mime-database /usr/share/mime
touch "$work/x.lesson.json"
type=$(xdg-mime query filetype "$work/x.lesson.json")
echo "xdg-mime query filetype x.lesson.json: $type"
test "$type" = application/x-archive-timeline-lesson+json
default=$(xdg-mime query default application/x-archive-timeline-lesson+json || true)
echo "xdg-mime query default: ${default:-(none: no desktop database here)}"

say "removing it"
files=$(dpkg -L archive-timeline | while read -r f; do [ -f "$f" ] && echo "$f"; done)
sudo_ apt-get purge -y -qq archive-timeline
if dpkg -s archive-timeline >/dev/null 2>&1; then
  echo "archive-timeline is still installed" >&2
  exit 1
fi
left=0
for f in $files; do
  if [ -e "$f" ]; then
    echo "left behind: $f" >&2
    left=1
  fi
done
[ "$left" -eq 0 ]
sudo_ update-mime-database /usr/share/mime
type=$(xdg-mime query filetype "$work/x.lesson.json")
test "$type" != application/x-archive-timeline-lesson+json
echo "none of its $(echo "$files" | wc -l) files are left; x.lesson.json is $type again"
