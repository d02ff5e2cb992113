"""A .docx read within bounds: every member checked before it is inflated.

A manuscript comes from someone the editor may not know. A zip states each member's
size, and a 1 MB file can claim or hold a gigabyte; so the central directory is read
first and refused when it holds what no Word file holds (duplicate names, encryption,
compression methods other than Deflate, too many members, sizes or ratios past the
limits below), and each member is then inflated in pieces, counting what it really
holds. The limits are the handbook's (docs/editors.md, "Importing a Word manuscript").
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ManuscriptError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much of a manuscript the importer reads (bytes unless named otherwise)."""

    #: the .docx file itself
    file: int = 40 * MB
    #: the members of the zip
    members: int = 2000
    #: one member, inflated (an image, say)
    member: int = 30 * MB
    #: all members together, inflated
    total: int = 120 * MB
    #: the XML parts together, inflated: what pandoc and lxml hold as trees
    xml: int = 6 * MB
    #: inflated / compressed, for a member over ``ratio_floor`` inflated
    ratio: int = 200
    ratio_floor: int = 1 * MB


LIMITS = Limits()
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "Deflate"}
_METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 98: "PPMd"}
_REPAIR = "open it in Word and save it again as .docx (Word Document)"


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size} bytes"


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def read_package(docx: Path, limits: Limits = LIMITS) -> dict[str, bytes]:
    """Every member of *docx* by name, inflated; ``ManuscriptError`` past any limit."""
    size = docx.stat().st_size
    if size > limits.file:
        raise ManuscriptError(
            f"{docx}: {_megabytes(size)}, more than the {_megabytes(limits.file)} a manuscript "
            "may have; save the images at a lower resolution (File > Compress Pictures)"
        )
    try:
        archive = zipfile.ZipFile(docx)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ManuscriptError(
            f"{docx}: damaged, or not a Word .docx file ({error}); {_REPAIR}"
        ) from error
    with archive:
        infos = archive.infolist()
        _check_directory(docx, infos, limits)
        return {
            info.filename: _inflate(docx, archive, info, limits)
            for info in infos
            if not info.is_dir()
        }


def _check_directory(docx: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse, before inflating anything, what the central directory already shows."""
    if len(infos) > limits.members:
        raise ManuscriptError(
            f"{docx}: the file holds {len(infos)} parts, more than the {limits.members} "
            f"a manuscript may have; {_REPAIR}"
        )
    seen: set[str] = set()
    declared = xml = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise ManuscriptError(
                f"{docx}: the part {name!r} is in the file twice (Word never writes that; "
                f"a tool may have tampered with it); {_REPAIR}"
            )
        seen.add(name)
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name or ":" in name:
            raise ManuscriptError(
                f"{docx}: the part {name!r} is named to lie outside the document (Word never "
                f"writes such a name; a tool may have tampered with it); {_REPAIR}"
            )
        if info.flag_bits & 0x1:
            raise ManuscriptError(
                f"{docx}: the part {name!r} is encrypted; remove the password "
                "(File > Info > Protect Document) and save again"
            )
        if info.compress_type not in _METHODS:
            method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise ManuscriptError(
                f"{docx}: the part {name!r} is compressed with {method}, which Word does not "
                f"use; {_REPAIR}"
            )
        _check_size(docx, name, info.file_size, info.compress_size, limits)
        declared += info.file_size
        xml += info.file_size if _is_xml(name) else 0
    _check_totals(docx, declared, xml, limits)


def _check_size(docx: Path, name: str, size: int, packed: int, limits: Limits) -> None:
    if size > limits.member:
        raise ManuscriptError(
            f"{docx}: the part {name!r} inflates to {_megabytes(size)}, more than the "
            f"{_megabytes(limits.member)} one part may have; save large images at a lower "
            "resolution, or split the manuscript"
        )
    if size > limits.ratio_floor and size > limits.ratio * max(packed, 1):
        raise ManuscriptError(
            f"{docx}: the part {name!r} inflates {size // max(packed, 1)} times, more than the "
            f"{limits.ratio} times the importer allows (a zip bomb, or a damaged file); {_REPAIR}"
        )


def _check_totals(docx: Path, total: int, xml: int, limits: Limits) -> None:
    if total > limits.total:
        raise ManuscriptError(
            f"{docx}: the file inflates to {_megabytes(total)}, more than the "
            f"{_megabytes(limits.total)} a manuscript may hold; save the images at a lower "
            "resolution (File > Compress Pictures), or split the manuscript"
        )
    if xml > limits.xml:
        raise ManuscriptError(
            f"{docx}: the document's text and markup take {_megabytes(xml)}, more than the "
            f"{_megabytes(limits.xml)} the importer reads; split the manuscript, or save it "
            "again from Word (which drops unused styles and revisions)"
        )


def _inflate(docx: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """One member, read in pieces and never past its declared size (zipfile stops there)."""
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(MB):
                total += len(chunk)
                if total > info.file_size:  # zipfile stops at the declared size; kept explicit
                    _check_size(docx, info.filename, total, info.compress_size, limits)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise ManuscriptError(
            f"{docx}: the part {info.filename!r} is damaged ({error}); {_REPAIR}"
        ) from error
    except (RuntimeError, NotImplementedError) as error:  # encrypted, unknown method
        raise ManuscriptError(
            f"{docx}: the part {info.filename!r} cannot be read ({error}); {_REPAIR}"
        ) from error
    if total != info.file_size:
        raise ManuscriptError(
            f"{docx}: the part {info.filename!r} holds {total} bytes, not the "
            f"{info.file_size} it declares; {_REPAIR}"
        )
    return b"".join(chunks)
