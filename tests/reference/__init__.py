"""Reference output from biblatex-chicago, generated on demand (never stored)."""
