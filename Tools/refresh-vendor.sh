#!/usr/bin/env bash
# Refreshes Templates/vendor/ from Debian's packages: the KaTeX and lunr
# files the site ships, their licences, and VERSIONS. The build copies the vendored files,
# never the installed ones, so a Debian point release cannot change the site's bytes;
# run this on purpose, rebuild the site (make site) and commit both.
set -euo pipefail
cd "$(dirname "$0")/.."
packages="libjs-katex libjs-lunr"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing
fi
vendor=Templates/vendor
rm -rf "$vendor"
mkdir -p "$vendor/katex" "$vendor/lunr" "$vendor/licences"
cp -L /usr/share/javascript/katex/katex.min.js /usr/share/javascript/katex/katex.min.css "$vendor/katex/"
cp -rL /usr/share/javascript/katex/fonts "$vendor/katex/fonts"
cp -L /usr/share/javascript/lunr/lunr.min.js "$vendor/lunr/"
for p in $packages; do
  cp -L "/usr/share/doc/$p/copyright" "$vendor/licences/$p.copyright"
done
{
  echo "# The Debian packages Templates/vendor/ was copied from (Tools/refresh-vendor.sh)."
  for p in $packages; do dpkg-query -W -f='${Package} ${Version}\n' "$p"; done
} > "$vendor/VERSIONS"
echo "refreshed $vendor from:$(for p in $packages; do printf ' %s' "$(dpkg-query -W -f='${Package}=${Version}' "$p")"; done)"
