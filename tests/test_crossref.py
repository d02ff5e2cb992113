"""The Crossref deposit: ``research-series crossref`` writes XML that Crossref's own
schema (5.3.1, ``tests/data/crossref``) accepts, says what each paper is, and holds only
the papers whose metadata changed; every format shows the DOI it registers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import INDEX_MD, SERIES_CONF, paper
from helpers import sphinx_build

SCHEMA_DIR = Path(__file__).parent / "data" / "crossref"
MATHML_URL = "http://www.w3.org/Math/XMLSchema/mathml3/"
NS = {
    "c": "http://www.crossref.org/schema/5.3.1",
    "jats": "http://www.ncbi.nlm.nih.gov/JATS1",
    "rel": "http://www.crossref.org/relations.xsd",
}
CROSSREF_CONF = (
    SERIES_CONF
    + """series_issn = "0378-5955"
series_doi_prefix = "10.55555"
series_crossref_depositor = "Test Editor <editor@example.org>"
series_crossmark_policy = "10.55555/tsp-policy"
"""
)
BIB = """@book{known,
  author = {Lowenthal, Mark M.},
  title = {Intelligence: From Secrets to Policy},
  publisher = {CQ Press},
  address = {Washington, DC},
  year = {2014},
  doi = {https://doi.org/10.4135/9781483397009}
}
@article{plain,
  author = {Roe, Richard},
  title = {A Plain Article},
  journal = {Journal of Tests},
  volume = {3},
  year = {2001},
  pages = {1--9}
}
"""
ABSTRACT = "The *first* paragraph.\n\nThe second:\n\n- one **bold** point\n- another"
PAPERS = {
    "deterrence/index.md": paper(
        "On *Deterrence* Theory",
        options=":authors: Jane Doe (University of Testing) <0000-0002-1825-0097>; "
        "Richard Roe\n:number: 1\n:date: 2016-03-05",
        abstract=ABSTRACT,
        body="## Section\n\nText.[^1]\n\n[^1]: {cite}`known`.\n",
    ),
    "deterrence/references.bib": BIB,
    "later/index.md": paper(
        "Published Later",
        options=":authors: Ann Smith\n:number: 2\n:date: 2017\n:status: published\n"
        ":published-as: Ann Smith, “Published Later,” Journal of Tests 4 (2019), "
        "https://doi.org/10.2000/jt.4.",
    ),
    "gone/index.md": paper(
        "A Withdrawn Paper",
        options=":authors: Ann Smith\n:number: 3\n:date: 2018\n:status: withdrawn\n"
        ":withdrawn: 2019-01-02\n:withdrawn-reason: The data could not be verified.",
    ),
    "elsewhere/index.md": paper(
        "Registered Elsewhere",
        options=":authors: Ann Smith\n:number: 4\n:date: 2018\n:doi: 10.9999/other.4",
    ),
    "own/index.md": paper(
        "Its Own DOI",
        options=":authors: Ann Smith\n:number: 5\n:date: 2018\n:doi: 10.55555/own-five\n"
        ":corrected: 2019-05-01\n:correction: Table 2 gave the 2014 figures as 2015's.",
    ),
}


def write_project(root: Path, conf: str = CROSSREF_CONF) -> Path:
    srcdir = root / "src"
    for name, text in {"conf.py": conf, "index.md": INDEX_MD, **PAPERS}.items():
        target = srcdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return srcdir


def crossref(srcdir: Path, builddir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "research_series.editor.cli", "crossref", str(srcdir)]
    return subprocess.run(
        [*command, "--builddir", str(builddir), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},  # Sphinx colours its output when CI=true
    )


def batches(builddir: Path) -> list[Path]:
    return sorted((builddir / "crossref").glob("*.xml"))


def dois(batch: Path) -> list[str]:
    tree = etree.parse(str(batch))
    return [
        str(text)
        for text in tree.xpath(
            "//c:report-paper_series_metadata/c:doi_data/c:doi/text()", namespaces=NS
        )
    ]


class _LocalMathML(etree.Resolver):
    """The schema imports MathML 3 from w3.org: the copy beside it, never the network."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        if system_url.startswith(MATHML_URL):
            name = system_url.removeprefix(MATHML_URL)
            return self.resolve_filename(
                str(SCHEMA_DIR / "standard-modules" / "mathml3" / name), context
            )
        return None


@pytest.fixture(scope="session")
def crossref_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalMathML())
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "crossref5.3.1.xsd"), parser))


@pytest.fixture(scope="module")
def deposit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, etree._Element]]:
    root = tmp_path_factory.mktemp("crossref")
    srcdir = write_project(root)
    proc = crossref(srcdir, root / "build")
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    [batch] = batches(root / "build")
    yield batch, etree.parse(str(batch)).getroot()


def paper_of(tree: etree._Element, doi: str) -> etree._Element:
    [element] = tree.xpath(
        "c:body/c:report-paper/c:report-paper_series_metadata[c:doi_data/c:doi=$doi]",
        namespaces=NS,
        doi=doi,
    )
    return element


def texts(element: etree._Element, path: str) -> list[str]:
    return [" ".join(str(t).split()) for t in element.xpath(path, namespaces=NS)]


def test_the_deposit_is_valid_against_crossrefs_schema(
    deposit: tuple[Path, etree._Element], crossref_schema: etree.XMLSchema
) -> None:
    batch, _ = deposit
    document = etree.parse(str(batch))
    assert crossref_schema.validate(document), crossref_schema.error_log


def test_the_schema_rejects_what_crossref_would(
    deposit: tuple[Path, etree._Element], crossref_schema: etree.XMLSchema
) -> None:
    """The validation can fail: a paper without its DOI is refused."""
    batch, _ = deposit
    document = etree.parse(str(batch))
    doi = document.xpath("//c:doi_data/c:doi", namespaces=NS)[0]
    doi.text = "not-a-doi"
    assert not crossref_schema.validate(document)


def test_head_names_the_batch_the_depositor_and_the_registrant(
    deposit: tuple[Path, etree._Element],
) -> None:
    batch, tree = deposit
    assert tree.get("version") == "5.3.1"
    head = tree.find("c:head", NS)
    assert texts(head, "c:doi_batch_id/text()") == [batch.stem]
    assert re.fullmatch(r"tsp-\d{17}", batch.stem)
    assert texts(head, "c:timestamp/text()") == [batch.stem.removeprefix("tsp-")]
    assert texts(head, "c:depositor/*/text()") == ["Test Editor", "editor@example.org"]
    assert texts(head, "c:registrant/text()") == ["Test Studies Program"]


def test_one_report_paper_per_paper_with_a_series_doi(
    deposit: tuple[Path, etree._Element],
) -> None:
    """The pattern <prefix>/<short name>.<number>, or the paper's own :doi: under the
    prefix; a DOI under another prefix is not the series' to deposit."""
    batch, _ = deposit
    assert sorted(dois(batch)) == [
        "10.55555/own-five",
        "10.55555/tsp.1",
        "10.55555/tsp.2",
        "10.55555/tsp.3",
    ]


def test_a_paper_in_full(deposit: tuple[Path, etree._Element]) -> None:
    _, tree = deposit
    meta = paper_of(tree, "10.55555/tsp.1")
    assert meta.get("language") == "en"
    assert texts(meta, "c:series_metadata/c:titles/c:title/text()") == ["Test Series of Papers"]
    assert texts(meta, "c:series_metadata/c:issn/text()") == ["0378-5955"]
    people = meta.xpath("c:contributors/c:person_name", namespaces=NS)
    assert [(p.get("sequence"), p.get("contributor_role")) for p in people] == [
        ("first", "author"),
        ("additional", "author"),
    ]
    assert texts(people[0], "c:given_name/text() | c:surname/text()") == ["Jane", "Doe"]
    assert texts(people[0], ".//c:institution_name/text()") == ["University of Testing"]
    assert texts(people[0], "c:ORCID/text()") == ["https://orcid.org/0000-0002-1825-0097"]
    assert texts(people[1], "c:surname/text()") == ["Roe"]
    assert people[1].find("c:ORCID", NS) is None
    title = meta.find("c:titles/c:title", NS)
    assert etree.tostring(title, encoding="unicode", with_tail=False).endswith(
        ">On <i>Deterrence</i> Theory</title>"
    )
    abstract = meta.find("jats:abstract", NS)
    assert [etree.QName(child).localname for child in abstract] == ["p", "p", "p"]
    assert texts(abstract, "jats:p[1]/jats:italic/text()") == ["first"]
    items = abstract.xpath("jats:p[3]/jats:list[@list-type='bullet']/jats:list-item", namespaces=NS)
    assert [" ".join("".join(item.itertext()).split()) for item in items] == [
        "one bold point",
        "another",
    ]
    assert texts(items[0], "jats:p/jats:bold/text()") == ["bold"]
    assert texts(meta, "c:publication_date/*/text()") == ["03", "05", "2016"]
    assert texts(meta, "c:publisher/c:publisher_name/text()") == ["Test Studies Program"]
    assert texts(meta, "c:institution/c:institution_name/text()") == ["University of Testing"]
    assert texts(meta, "c:publisher_item/c:identifier[@id_type='report-number']/text()") == ["1"]
    assert texts(meta, "c:doi_data/c:resource/text()") == [
        "https://example.org/series/deterrence/index.html"
    ]


def test_citation_list_from_the_bibliography_with_dois(
    deposit: tuple[Path, etree._Element],
) -> None:
    _, tree = deposit
    citations = paper_of(tree, "10.55555/tsp.1").xpath("c:citation_list/c:citation", namespaces=NS)
    assert [c.get("key") for c in citations] == ["ref1", "ref2"]
    cited, referenced = citations
    assert texts(cited, "c:doi/text()") == ["10.4135/9781483397009"]
    assert texts(cited, "c:unstructured_citation/text()")[0].startswith(
        "Lowenthal, Mark M. Intelligence"
    )
    assert referenced.find("c:doi", NS) is None
    assert "A Plain Article" in texts(referenced, "c:unstructured_citation/text()")[0]


def test_published_as_is_the_formal_version(deposit: tuple[Path, etree._Element]) -> None:
    _, tree = deposit
    meta = paper_of(tree, "10.55555/tsp.2")
    [relation] = meta.xpath("rel:program/rel:related_item/rel:intra_work_relation", namespaces=NS)
    assert relation.get("relationship-type") == "isPreprintOf"
    assert relation.get("identifier-type") == "doi"
    assert relation.text == "10.2000/jt.4"


def test_a_withdrawn_paper_keeps_its_doi_and_says_so(deposit: tuple[Path, etree._Element]) -> None:
    _, tree = deposit
    meta = paper_of(tree, "10.55555/tsp.3")
    assert texts(meta, "c:titles/c:title/text()") == ["Withdrawn: A Withdrawn Paper"]
    assert texts(meta, "jats:abstract/jats:p//text()") == [
        "Withdrawn on January 2, 2019.",
        "The data could not be verified.",
    ]
    assert meta.find("c:citation_list", NS) is None
    assert texts(meta, "c:doi_data/c:resource/text()") == [
        "https://example.org/series/gone/index.html"
    ]


def test_only_changed_papers_go_into_a_new_batch(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path)
    builddir = tmp_path / "build"
    assert crossref(srcdir, builddir).returncode == 0
    [first] = batches(builddir)
    state = json.loads((builddir / "crossref" / "deposited.json").read_text(encoding="utf-8"))
    assert sorted(state) == sorted(dois(first))

    proc = crossref(srcdir, builddir)
    assert proc.returncode == 0, proc.stderr
    assert batches(builddir) == [first]  # nothing changed: no batch
    assert proc.stdout == (
        "no paper's deposited metadata changed since the last batch; no batch written\n"
    )

    index = srcdir / "later" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("The abstract.", "New words."))
    proc = crossref(srcdir, builddir)
    assert proc.returncode == 0, proc.stderr
    [second] = [batch for batch in batches(builddir) if batch != first]
    assert dois(second) == ["10.55555/tsp.2"]
    assert proc.stdout == f"{second}: 1 paper; deposit it with Crossref (docs/doi.md)\n"

    assert crossref(srcdir, builddir, "--all").returncode == 0
    [third] = [batch for batch in batches(builddir) if batch not in (first, second)]
    assert sorted(dois(third)) == sorted(dois(first))


def test_missing_settings_are_one_located_error_each(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path, conf=SERIES_CONF)
    proc = crossref(srcdir, tmp_path / "build")
    assert proc.returncode == 1
    conf = srcdir / "conf.py"
    assert [line for line in proc.stderr.splitlines() if "WARNING" in line] == [
        f"{conf}:1: WARNING: series_issn is not set; a Crossref deposit needs it: set it to "
        "the series' ISSN, e.g. '2049-3630' (its check digit is verified) [research.config]",
        f"{conf}:1: WARNING: series_doi_prefix is not set; a Crossref deposit needs it: set "
        "it to the DOI prefix Crossref gave the series, e.g. '10.55555' [research.config]",
        f"{conf}:1: WARNING: series_crossref_depositor is not set; a Crossref deposit needs "
        "it: set it to who deposits with Crossref, as 'Name <email>' [research.config]",
    ]
    assert "Traceback" not in proc.stderr
    assert batches(tmp_path / "build") == []


def test_an_issn_failing_its_check_digit_is_one_error_at_its_line(tmp_path: Path) -> None:
    conf = CROSSREF_CONF.replace('"0378-5955"', '"0378-5956"')
    srcdir = write_project(tmp_path, conf=conf)
    proc = crossref(srcdir, tmp_path / "build")
    assert proc.returncode == 1
    line = conf.splitlines().index('series_issn = "0378-5956"') + 1
    warnings = [text for text in proc.stderr.splitlines() if "WARNING" in text]
    assert warnings == [
        f"{srcdir / 'conf.py'}:{line}: WARNING: series_issn = '0378-5956' is invalid; set it "
        "to the series' ISSN, e.g. '2049-3630' (its check digit is verified) [research.config]"
    ]
    assert batches(tmp_path / "build") == []


def test_every_format_shows_the_doi_the_deposit_registers(tmp_path: Path) -> None:
    """Page, How to cite, Scholar tags, JSON-LD, exports, the .tex and the EPUB agree."""
    srcdir = write_project(tmp_path)
    html = sphinx_build(srcdir, tmp_path / "html")
    assert html.returncode == 0, html.stderr
    soup = BeautifulSoup(
        (tmp_path / "html" / "deterrence" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    doi, url = "10.55555/tsp.1", "https://doi.org/10.55555/tsp.1"
    assert soup.select_one("p.report-doi a")["href"] == url
    assert url in soup.select_one(".how-to-cite").get_text()
    assert soup.find("meta", attrs={"name": "citation_doi"})["content"] == doi
    ld = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    assert ld[0]["identifier"]["value"] == doi
    downloads = tmp_path / "html" / "downloads"
    assert f'doi = "{doi}"' in (downloads / "deterrence.bib").read_text(encoding="utf-8")
    assert f"DO  - {doi}" in (downloads / "deterrence.ris").read_text(encoding="utf-8")
    assert json.loads((downloads / "deterrence.json").read_text(encoding="utf-8"))[0]["DOI"] == doi
    latex = sphinx_build(srcdir, tmp_path / "latex", builder="latex")
    assert latex.returncode == 0, latex.stderr
    assert doi in (tmp_path / "latex" / "deterrence.tex").read_text(encoding="utf-8")
    epub = sphinx_build(srcdir, tmp_path / "epub", builder="epub")
    assert epub.returncode == 0, epub.stderr
    opf = subprocess.run(
        ["unzip", "-p", str(tmp_path / "epub" / "deterrence.epub"), "*.opf"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"urn:doi:{doi}" in opf


def test_a_correction_is_deposited_as_an_update_of_the_paper(
    deposit: tuple[Path, etree._Element],
) -> None:
    _, tree = deposit
    [item] = tree.xpath(
        "c:body/c:report-paper[c:report-paper_series_metadata/c:doi_data/c:doi="
        "'10.55555/own-five']/c:content_item",
        namespaces=NS,
    )
    assert texts(item, "c:titles/c:title/text()") == ["Correction: Its Own DOI"]
    assert texts(item, "jats:abstract/jats:p/text()") == [
        "Table 2 gave the 2014 figures as 2015's."
    ]
    assert texts(item, "c:crossmark/c:crossmark_policy/text()") == ["10.55555/tsp-policy"]
    [update] = item.xpath("c:crossmark/c:updates/c:update", namespaces=NS)
    assert (update.get("type"), update.get("date"), update.text) == (
        "correction",
        "2019-05-01",
        "10.55555/own-five",
    )
    assert texts(item, "c:doi_data/*/text()") == [
        "10.55555/own-five.correction",
        "https://example.org/series/own/index.html#correction-5",
    ]
    assert tree.xpath("count(//c:content_item)", namespaces=NS) == 1  # the others: none


def test_a_correction_without_the_policy_is_one_located_error(tmp_path: Path) -> None:
    conf = CROSSREF_CONF.replace('series_crossmark_policy = "10.55555/tsp-policy"\n', "")
    srcdir = write_project(tmp_path, conf=conf)
    proc = crossref(srcdir, tmp_path / "build")
    assert proc.returncode == 1
    assert [line for line in proc.stderr.splitlines() if "WARNING" in line] == [
        f"{srcdir / 'conf.py'}:1: WARNING: series_crossmark_policy is not set; the correction "
        "of own/index is deposited (as an update of the paper) only with it: set it to the "
        "DOI of the series' page on corrections and withdrawals, e.g. '10.55555/nssp-policy' "
        "(needed to deposit a correction) [research.config]"
    ]
    [batch] = batches(tmp_path / "build")
    assert "10.55555/own-five" in dois(batch)  # the paper itself is deposited
    assert etree.parse(str(batch)).xpath("count(//c:content_item)", namespaces=NS) == 0
