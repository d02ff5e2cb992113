"""The Chicago driver table: one row per biblatex type, each a note and bibliography pair."""

from __future__ import annotations

import inspect
import re

from pybtex.database import Entry

from research_series.bibliography.punct import Parts
from research_series.bibliography.record import KNOWN_TYPES, Record
from research_series.bibliography.styles.chicago import archival, drivers
from research_series.bibliography.styles.chicago.layout import Driver


def test_every_known_type_has_a_row() -> None:
    assert set(drivers.DRIVERS) == set(KNOWN_TYPES)
    assert all(isinstance(driver, Driver) for driver in drivers.DRIVERS.values())


def test_no_driver_tests_the_type_it_was_chosen_by() -> None:
    """A driver prints its rows' types alike: a type that prints differently has a row."""
    testing = [
        f"{type_}: {function.__module__}.{function.__qualname__}"
        for type_, driver in drivers.DRIVERS.items()
        for function in (driver.note, driver.bibliography)
        if re.search(r"record\.type\b", inspect.getsource(function))
    ]
    assert testing == []


def test_unknown_types_and_misc_fall_back_to_web_or_generic() -> None:
    web = Record(Entry("thing", fields={"title": "T", "url": "https://example.org/"}))
    plain = Record(Entry("thing", fields={"title": "T"}))
    assert drivers.driver_for(web) is archival.UNKNOWN
    assert archival.MISC is drivers.driver_for(Record(Entry("misc", fields={"title": "T"})))
    note = archival.UNKNOWN.note(web, Parts(), "", None).text()
    assert "example.org" in str(note)
    assert "example.org" not in str(archival.UNKNOWN.note(plain, Parts(), "", None).text())
