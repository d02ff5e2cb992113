#!/bin/sh
# Install the programs the tests drive for real: TeX Live (XeLaTeX, latexmk) with
# the fonts for Latin, Cyrillic, Greek, Hangul and Arabic, poppler-utils (pdftotext,
# pdfinfo, pdffonts), EPUBCheck, biber (for the biblatex-chicago reference test),
# and chromium, chromium-driver and npm for the browser tests. Does nothing when
# they are all present.
set -eu
need=""
for tool in xelatex latexmk biber pdftotext pdfinfo pdffonts java chromium chromedriver npm; do
    command -v "$tool" >/dev/null 2>&1 || need=yes
done
[ -f /usr/share/java/epubcheck.jar ] || need=yes
[ -f /usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib ] || need=yes
[ -f /usr/share/doc/texlive-doc/latex/biblatex-chicago/notes-test.bib.gz ] || need=yes
for sty in xeCJK.sty xurl.sty fontspec.sty; do
    kpsewhich "$sty" >/dev/null 2>&1 || need=yes
done
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need=yes
fc-list 2>/dev/null | grep -q "FreeSerif" || need=yes
fc-list 2>/dev/null | grep -q "Amiri" || need=yes
[ -z "$need" ] && exit 0

packages="texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
texlive-lang-cyrillic texlive-lang-greek texlive-lang-chinese texlive-lang-cjk texlive-bibtex-extra
latexmk biber xindy fontconfig
fonts-freefont-otf fonts-noto-cjk fonts-hosny-amiri epubcheck poppler-utils
chromium chromium-driver npm"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo=sudo; else
    echo "error: install these Debian packages (as root): $packages" >&2; exit 1
fi
echo "Installing system packages for the PDF, EPUB and browser tests (a few minutes, once)..."
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null
