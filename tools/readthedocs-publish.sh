#!/bin/sh
# Place a built site where Read the Docs serves it: the HTML (with every paper's
# PDF and EPUB in downloads/) in $READTHEDOCS_OUTPUT/html, and the series volume
# as the single file Read the Docs allows in each of pdf/ and epub/.
set -eu
: "${READTHEDOCS_OUTPUT:?set READTHEDOCS_OUTPUT (Read the Docs sets it)}"
builddir="${BUILDDIR:-_build}"
volume="${SERIES_VOLUME:-series}"
mkdir -p "$READTHEDOCS_OUTPUT/html" "$READTHEDOCS_OUTPUT/pdf" "$READTHEDOCS_OUTPUT/epub"
cp -R "$builddir/html/." "$READTHEDOCS_OUTPUT/html/"
if [ -f "$builddir/latex/$volume.pdf" ]; then
    cp "$builddir/latex/$volume.pdf" "$READTHEDOCS_OUTPUT/pdf/"
fi
if [ -f "$builddir/epub/$volume.epub" ]; then
    cp "$builddir/epub/$volume.epub" "$READTHEDOCS_OUTPUT/epub/"
fi
