"""Benchmarks of the series toolchain against the vanilla Sphinx + MyST + bibtex stack."""
