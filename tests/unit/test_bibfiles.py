"""Loading .bib files: entries, their lines, and every problem with file and line."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from research_series.bibliography import BibProblem, get_style, load_bibliography

DATA = Path(__file__).parent / "data"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_sources_and_case_insensitive_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "% a comment line\n"
        "@book{Waltz1979,\n"
        "  author = {Waltz, Kenneth N.},\n"
        "  title = {Theory of International Politics},\n"
        "  year = 1979,\n"
        "}\n"
        "\n"
        "@article{weathersby, title = {The Soviet Role}, year = 1993}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == []
    assert list(bib.entries) == ["Waltz1979", "weathersby"]
    assert bib.sources["Waltz1979"] == (str(path), 2)
    assert bib.sources["weathersby"] == (str(path), 8)
    # BibTeX keys are case-insensitive; the mapping keeps the defined spelling.
    assert bib.entries["waltz1979"] is bib.entries["WALTZ1979"]
    assert bib.sources["WALTZ1979"] == (str(path), 2)
    assert bib.entries["waltz1979"].key == "Waltz1979"
    assert str(bib.entries["waltz1979"].persons["author"][0]) == "Waltz, Kenneth N."
    assert "nokey" not in bib.entries


def test_string_macros_months_and_concatenation(tmp_path: Path) -> None:
    first = write(tmp_path, "strings.bib", "@string{jair = {Journal of Examples}}\n")
    second = write(
        tmp_path,
        "b.bib",
        '@preamble{"\\newcommand{\\noop}[1]{}"}\n'
        "@comment{ignored, entirely}\n"
        '@article{x, journal = jair # " (New Series)", month = sep, year = 2001, title = "T"}\n',
    )
    bib, problems = load_bibliography([first, second])
    assert problems == []
    fields = bib.entries["x"].fields
    assert fields["journal"] == "Journal of Examples (New Series)"
    assert fields["month"] == "September"
    assert list(bib.entries) == ["x"]


def test_duplicate_key_across_files_keeps_the_first(tmp_path: Path) -> None:
    first = write(tmp_path, "a.bib", "\n\n@book{x, title = {First}}\n")
    filler = "".join(f"@book{{y{index}, title = {{Y}}}}\n" for index in range(9))
    second = write(tmp_path, "b.bib", filler + "@misc{X, title = {Second}}\n")
    bib, problems = load_bibliography([first, second])
    assert problems == [
        BibProblem(
            str(second),
            10,
            "duplicate citation key 'X': defined at a.bib:3 and b.bib:10; rename one of them",
        )
    ]
    assert bib.entries["x"].fields["title"] == "First"
    assert bib.sources["x"] == (str(first), 3)


def test_duplicate_key_within_a_file_and_duplicate_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@book{k, title = {A}}\n@book{k, title = {B}}\n@book{m, year=1, year=2}\n",
    )
    bib, problems = load_bibliography([path])
    assert [(problem.line, problem.message) for problem in problems] == [
        (2, "duplicate citation key 'k': defined at a.bib:1 and a.bib:2; rename one of them"),
        (3, "entry 'm' has two 'year' fields; the second is ignored, delete one"),
    ]
    assert bib.entries["k"].fields["title"] == "A"
    assert bib.entries["m"].fields["year"] == "1"


def test_same_file_name_in_two_folders_is_shown_with_its_path(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write(tmp_path, "one/refs.bib", "@book{k, title = {A}}\n")
    second = write(tmp_path, "two/refs.bib", "@book{k, title = {B}}\n")
    _, problems = load_bibliography([first, second])
    assert problems[0].message == (
        f"duplicate citation key 'k': defined at {first}:1 and {second}:1; rename one of them"
    )


def test_missing_comma_is_reported_on_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@book{a,\n"
        "  title = {A},\n"
        "}\n"
        "@book{b,\n"
        "  title = {B}\n"
        "  year = 2000,\n"
        "}\n"
        "@book{c, title = {C}}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == [
        BibProblem(
            str(path),
            6,
            "syntax error in entry 'b': '}' expected; check for a missing comma, brace or quote "
            "here or at the end of the previous line",
        )
    ]
    # Entries before the error, the fields before it, and entries after it survive.
    assert list(bib.entries) == ["a", "b", "c"]
    assert bib.entries["b"].fields["title"] == "B"


def test_unclosed_brace_is_reported_where_the_value_starts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@book{a, title = {A}}\n"
        "\n"
        "@article{b,\n"
        "  title = {Unclosed,\n"
        "  year = 2000,\n"
        "}\n"
        "\n"
        "@book{c, title = {C}}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == [
        BibProblem(
            str(path),
            4,
            "the value of field 'title' in entry 'b' runs on into the fields after it; "
            "its closing brace or quote is probably missing",
        )
    ]
    assert "a" in bib.entries


def test_file_ending_inside_a_value_or_entry(tmp_path: Path) -> None:
    value = write(tmp_path, "v.bib", '@book{a, title={A}}\n@book{x,\n  title = "abc {x",\n}\n')
    bib, problems = load_bibliography([value])
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            3,
            "the file ends inside the value of field 'title' in entry 'x': a brace or quote "
            "opened here is never closed; close it",
        )
    ]
    assert "a" in bib.entries
    entry = write(tmp_path, "e.bib", "@book{a, title={A}}\n@book{x,\n  title = {abc},\n")
    _, problems = load_bibliography([entry])
    assert [(problem.line, problem.message) for problem in problems] == [
        (2, "the file ends inside entry 'x'; add its closing brace")
    ]


def test_windows_line_endings_count_lines_correctly(tmp_path: Path) -> None:
    path = tmp_path / "crlf.bib"
    path.write_bytes(b"@book{a, title={A}}\r\n@book{x,\r\n  title = {abc}\r\n  year = 1,\r\n}\r\n")
    bib, problems = load_bibliography([path])
    assert [problem.line for problem in problems] == [4]
    assert bib.sources["x"] == (str(path), 2)


def test_undefined_macro_and_missing_key(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.bib", "@book{a,\n  title = {A},\n  journal = jx,\n}\n@book{, title={B}}\n"
    )
    bib, problems = load_bibliography([path])
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            3,
            "undefined @string macro 'jx' in entry 'a'; define it with @string{jx = {...}} "
            "or put the value in braces",
        ),
        (5, "an entry has no citation key; write it as @type{key, field = {...}}"),
    ]
    assert bib.entries["a"].fields["title"] == "A"


def test_bad_name_list(tmp_path: Path) -> None:
    path = write(tmp_path, "a.bib", "\n@book{q, author = {Doe, Jane, Roe, Richard}, title={T}}\n")
    bib, problems = load_bibliography([path])
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            2,
            "entry 'q': Too many commas in 'Doe, Jane, Roe, Richard'; separate the names of a "
            "name list with 'and', and write each as 'Last, First' or 'First Last'",
        )
    ]
    assert "q" in bib.entries


def test_non_utf8_file_is_a_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.bib"
    path.write_bytes(b"@book{a, title = {Fine}}\n\n@book{b, title = {Caf\xe9}}\n")
    bib, problems = load_bibliography([path])
    assert problems == [
        BibProblem(
            str(path),
            3,
            "the file is not UTF-8 (byte 0xe9 cannot be decoded); re-save it as UTF-8 or write "
            'the character as a LaTeX command such as {\\"u}',
        )
    ]
    assert bib.entries["b"].fields["title"] == "Caf\ufffd"


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.bib"
    path.write_bytes("\ufeff@book{a, title = {Ä}}\n".encode())
    bib, problems = load_bibliography([path])
    assert problems == []
    assert bib.entries["a"].fields["title"] == "Ä"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.bib"
    bib, problems = load_bibliography([path])
    assert problems == [
        BibProblem(
            str(path),
            None,
            "cannot read the file (No such file or directory); "
            "check the path in the paper's configuration",
        )
    ]
    assert dict(bib.entries) == {}


def test_crossref_inheritance_follows_biblatex(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@incollection{ch, author = {Doe, Jane}, title = {Chapter}, pages = {1--9},"
        " crossref = {coll}, publisher = {Child Press}}\n"
        "@collection{coll, editor = {Roe, Richard}, title = {The Book}, subtitle = {A Study},"
        " shorttitle = {Book}, publisher = {Parent Press}, date = 2001, crossref = {mv}}\n"
        "@mvcollection{mv, title = {Collected Works}, location = {Paris}}\n"
        "@inproceedings{p, title = {Paper}, crossref = {procs}}\n"
        "@proceedings{procs, booktitle = {Proc. of X}, year = 1999}\n"
        "@article{art, title = {Article}, crossref = {issue}}\n"
        "@periodical{issue, title = {Journal Name}, volume = 3, date = 2002}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == []
    chapter = bib.entries["ch"]
    assert chapter.fields["title"] == "Chapter"
    assert chapter.fields["booktitle"] == "The Book"
    assert chapter.fields["booksubtitle"] == "A Study"
    assert "shorttitle" not in chapter.fields
    assert chapter.fields["publisher"] == "Child Press"  # the child's own field wins
    assert chapter.fields["date"] == "2001"
    assert chapter.fields["maintitle"] == "Collected Works"  # via the collection's crossref
    assert chapter.fields["location"] == "Paris"
    assert [str(person) for person in chapter.persons["editor"]] == ["Roe, Richard"]
    assert bib.entries["coll"].fields["maintitle"] == "Collected Works"
    # Classic BibTeX: same-named fields are copied.
    assert bib.entries["p"].fields["booktitle"] == "Proc. of X"
    assert bib.entries["p"].fields["year"] == "1999"
    # A whole journal issue lends its title as the article's journal.
    article = bib.entries["art"]
    assert (article.fields["title"], article.fields["journaltitle"]) == ("Article", "Journal Name")
    assert article.fields["volume"] == "3"


def test_book_author_is_inherited_as_bookauthor(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@inbook{part, title = {Part}, crossref = {whole}}\n"
        "@book{whole, author = {Kant, Immanuel}, title = {Werke}, year = 1968}\n",
    )
    bib, _ = load_bibliography([path])
    part = bib.entries["part"]
    assert [str(person) for person in part.persons["bookauthor"]] == ["Kant, Immanuel"]
    assert part.fields["booktitle"] == "Werke"


def test_missing_crossref_and_cycles(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@inbook{a, title = {A}, crossref = {nowhere}}\n"
        "@book{b, title = {B}, crossref = {c}}\n"
        "@book{c, title = {C}, crossref = {b}}\n",
    )
    bib, problems = load_bibliography([path])
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            1,
            "entry 'a' has crossref = {nowhere} but no entry 'nowhere' is defined; "
            "add it or correct the key",
        ),
        (2, "entry 'b' inherits from itself (b -> c -> b); remove one crossref or xdata"),
    ]
    assert bib.entries["a"].fields["title"] == "A"


def test_xdata_is_merged_and_not_citable(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@xdata{pub, publisher = {Shared Press}, location = {Albuquerque}}\n"
        "@book{a, title = {A}, xdata = {pub}, location = {Santa Fe}}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == []
    assert bib.entries["a"].fields["publisher"] == "Shared Press"
    assert bib.entries["a"].fields["location"] == "Santa Fe"
    assert "pub" not in bib.entries and "pub" not in bib.sources


def test_set_members_are_resolved(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@set{both, entryset = {one, TWO, three}}\n"
        "@book{one, title = {One}}\n@book{two, title = {Two}}\n",
    )
    bib, problems = load_bibliography([path])
    assert [(problem.line, problem.message) for problem in problems] == [
        (
            1,
            "set 'both' lists 'three' in its entryset, but no such entry is defined; "
            "add it or remove it from the set",
        )
    ]
    members = bib.entries["both"].set_members  # type: ignore[attr-defined]
    assert [member.key for member in members] == ["one", "two"]


def test_bibliography_survives_pickling() -> None:
    # Sphinx keeps its environment between builds by pickling it.
    bib, _ = load_bibliography([DATA / "references.bib"])
    restored = pickle.loads(pickle.dumps(bib))
    assert list(restored.entries) == list(bib.entries)
    assert restored.entries["WALTZ1979"].fields["title"] == "Theory of International Politics"
    assert restored.sources["pair"] == bib.sources["pair"]
    style = get_style()
    assert style.format_note(restored.entries["pair"]) == style.format_note(bib.entries["pair"])


def test_hundred_entries_load(tmp_path: Path) -> None:
    entry = (
        "@article{{key{0},\n  author = {{Doe, Jane and Roe, Richard}},\n"
        '  title = {{A Title about {{NATO}} and the {{\\"U}}bersicht {0}}},\n'
        "  journal = {{Journal}}, volume = 3, number = 4, pages = {{1--20}}, year = 2001,\n}}\n"
    )
    path = write(tmp_path, "many.bib", "".join(entry.format(index) for index in range(100)))
    bib, problems = load_bibliography([path])
    assert problems == []
    assert len(bib.entries) == 100


def test_damaged_files_never_raise(tmp_path: Path) -> None:
    source = (DATA / "references.bib").read_text(encoding="utf-8")
    rng = random.Random(20240601)
    style = get_style()
    path = tmp_path / "damaged.bib"
    for _ in range(40):
        chars = list(source)
        for _ in range(rng.randint(1, 25)):
            position = rng.randrange(len(chars))
            if rng.random() < 0.5:
                del chars[position]
            else:
                chars.insert(position, rng.choice('{}",=@\\#%~$ \nand'))
        path.write_text("".join(chars), encoding="utf-8")
        bib, problems = load_bibliography([path])
        assert all(isinstance(problem.line, int) for problem in problems)
        for entry in bib.entries.values():
            style.format_note(entry, "2")
            style.format_bibliography_entry(entry)
            style.check(entry)


def test_biblatex_extended_name_format(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@article{hua, author = {family=Hua, given=Linfu, cjk=X}, title = {T}, year = 1999,\n"
        "  journaltitle = {J}}\n"
        "@book{gennep, author = {given=Arnold, prefix=van, family=Gennep}, title = {R},"
        " year = 1909}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == []
    hua = bib.entries["hua"].persons["author"][0]
    assert (hua.first_names, hua.last_names) == (["Linfu"], ["Hua"])
    gennep = bib.entries["gennep"].persons["author"][0]
    assert (gennep.prelast_names, gennep.last_names) == (["van"], ["Gennep"])


def test_crossref_keeps_the_childs_own_date_and_link(tmp_path: Path) -> None:
    """A child's ``year`` is not overridden by its parent's ``date``, and a part never
    takes its container's URL or DOI (biblatex-chicago's inheritance)."""
    path = write(
        tmp_path,
        "a.bib",
        "@mvcollection{hoc, title = {The History of Cartography}, date = {1987/},\n"
        "  editor = {Harley, J. B.}, translator = {Doe, Jane}, url = {https://example.org/hoc},\n"
        "  publisher = {UCP}}\n"
        "@collection{vol2, title = {Cartography in Asia}, year = 1994, crossref = {hoc},\n"
        "  volume = 2}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == []
    child = bib.entries["vol2"]
    assert "date" not in child.fields and child.fields["year"] == "1994"
    assert "url" not in child.fields
    assert child.fields["maintitle"] == "The History of Cartography"
    assert child.inherited_persons == frozenset({"editor", "translator"})


def test_related_entries_are_resolved(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.bib",
        "@online{post, author = {Ellis, Rhian}, title = {Post}, date = 2008,"
        " url = {https://example.org/p}}\n"
        "@review{comment, author = {AC}, related = {post, missing}, relatedtype = {commenton},"
        " date = 2008}\n"
        "@book{tr, title = {Translation}, year = 1999, userf = {post}}\n",
    )
    bib, problems = load_bibliography([path])
    assert problems == []
    assert bib.entries["comment"].related_entries == (bib.entries["post"],)
    assert bib.entries["tr"].original_entries == (bib.entries["post"],)
    assert bib.entries["post"].related_entries == ()
