#!/usr/bin/env bash
# Debian packages the PDF build needs (XeLaTeX with Chinese support and CJK fonts),
# plus poppler and chromium for checking the output as a reader sees it.
# As root on Debian/Ubuntu they are installed; elsewhere the command to run is printed.
set -euo pipefail
packages=(texlive-xetex texlive-lang-chinese texlive-latex-extra texlive-fonts-recommended
          latexmk fonts-texgyre fonts-noto-cjk poppler-utils chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "The PDF needs these Debian packages; install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
