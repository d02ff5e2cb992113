"""Math for the HTML and EPUB as MathML, made at build time: nothing loads from elsewhere.

Sphinx's default renders math in the browser with MathJax from a CDN, so a
reader offline (or behind a blocked network) sees raw TeX, and an EPUB gets
TeX with no script to render it. Here each formula is converted once, by
docutils' own LaTeX-to-MathML converter, into MathML that browsers and EPUB
reading systems show natively; the PDF still typesets the TeX.

Authors write math as MyST offers it: ``$...$``, ``$$...$$``, the ``{math}``
role and directive, and amsmath environments. A formula the converter cannot
read is reported at its line while reading (so ``make check`` sees it) and
printed as its TeX source in HTML and EPUB.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils.math import MathError, latex2mathml
from docutils.utils.math.unichar2tex import uni2tex_table
from lxml import etree
from sphinx.transforms import SphinxTransform
from sphinx.util.math import get_node_equation_number

from .compat import user_set
from .diagnostics import Problem
from .domain import warn_while_reading

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

RENDERER = "mathml"

#: MyST's syntax extensions for math: ``$...$`` and ``$$...$$``, amsmath environments.
MYST_MATH = ("dollarmath", "amsmath")

# An amsmath environment as a whole block (MyST's amsmath extension keeps it
# verbatim); the converter knows its rows and columns, not the environment.
_ENVIRONMENT = re.compile(
    r"\A\s*\\begin\{(?P<name>equation|align|alignat|gather|multline|flalign)(?P<star>\*?)\}"
    r"(?:\{\d+\})?(?P<body>.*)\\end\{(?P=name)\*?\}\s*\Z",
    re.DOTALL,
)
# Numbering commands have no meaning in MathML: the number is Sphinx's.
_NUMBERING = re.compile(r"\\(?:label\{[^{}]*\}|nonumber\b|notag\b|tag\*?\{[^{}]*\})")


def configure_math(app: Sphinx, config: Config) -> None:
    """``config-inited``: MyST's math syntax on, MathML for HTML and EPUB, unless set.

    ``$`` is a dollar sign unless it encloses math tightly: ``$x$`` is math,
    "$5 million and $10" is not (no space inside the delimiters, no digit after).
    """
    if not user_set(config, "myst_enable_extensions"):
        extensions = list(config.myst_enable_extensions)
        config.myst_enable_extensions = extensions + [e for e in MYST_MATH if e not in extensions]
    for name in ("myst_dmath_allow_space", "myst_dmath_allow_digits"):
        if not user_set(config, name):
            setattr(config, name, False)
    if not user_set(config, "html_math_renderer"):
        config.html_math_renderer = RENDERER


def numbered_environment_body(tex: str) -> str | None:
    """The rows of a numbered amsmath environment (``align``, not ``align*``), else ``None``.

    MyST numbers such a block once, as a whole; the PDF must do the same (see
    ``pdf.transforms.OneNumberPerEquation``), not number each row.
    """
    whole = _ENVIRONMENT.match(tex)
    if whole is None or whole["star"]:
        return None
    return _NUMBERING.sub("", whole["body"])


def plain_tex(node: nodes.Element) -> str:
    """The TeX of a math node, an amsmath environment reduced to its rows."""
    tex = node.astext()
    whole = _ENVIRONMENT.match(tex)
    if whole:
        # The converter aligns columns only inside ``aligned``.
        body = whole["body"]
        tex = f"\\begin{{aligned}}{body}\\end{{aligned}}" if "&" in body else body
    return _NUMBERING.sub("", tex)


@lru_cache(maxsize=4096)
def to_mathml(tex: str, block: bool) -> str:
    """MathML for *tex*, with the TeX as ``alttext``; raises ``MathError``."""
    markup = latex2mathml.tex2mathml(tex.translate(uni2tex_table), as_block=block)
    # docutils writes U+2061 as an HTML entity, which XHTML (the EPUB) does not know.
    root = etree.fromstring(markup.replace("&ApplyFunction;", "\u2061"))
    root.set("alttext", tex.strip())
    return etree.tostring(root, encoding="unicode")


def mathml_or_problem(node: nodes.Element) -> tuple[str | None, str]:
    """``(MathML, "")``, or ``(None, why)`` when the converter cannot read the TeX."""
    try:
        return to_mathml(plain_tex(node), isinstance(node, nodes.math_block)), ""
    except MathError as error:
        return None, str(error)
    except Exception:
        return None, "the converter does not understand it"


def _is_math(node: nodes.Node) -> bool:
    return isinstance(node, nodes.math | nodes.math_block)


def _math_nodes(document: nodes.document) -> list[nodes.Element]:
    return [node for node in document.findall(_is_math) if isinstance(node, nodes.Element)]


class MathConverts(SphinxTransform):
    """Every formula converts to MathML, or is reported at its line while reading."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        for node in _math_nodes(self.document):
            markup, problem = mathml_or_problem(node)
            if markup is None:
                warn_while_reading(
                    self.env,
                    Problem.math,
                    f"math '{node.astext().strip()}' cannot be shown in HTML and EPUB "
                    f"({problem}); it is printed as TeX there; use commands of LaTeX's "
                    "math mode and amsmath",
                    node,
                )


def _write(self: HTML5Translator, node: nodes.Element, *, block: bool) -> None:
    markup, _ = mathml_or_problem(node)
    if markup is None:
        markup = '<code class="math-tex">' + self.encode(node.astext()) + "</code>"
    if not block:
        self.body.append(markup)
        raise nodes.SkipNode
    # The display scrolls sideways when the formula is wider than the page; a region
    # that scrolls must take focus for readers without a pointer (in the EPUB, where
    # the permalink is hidden, nothing else in it can).
    self.body.append(self.starttag(node, "div", CLASS="math-display", tabindex="0"))
    if node.get("number"):
        number = get_node_equation_number(self, node)  # type: ignore[arg-type]
        self.body.append(f'<span class="eqno">({self.encode(number)})')
        self.add_permalink_ref(node, "Link to this equation")
        self.body.append("</span>")
    self.body.append(markup + "</div>\n")
    raise nodes.SkipNode


def visit_math(self: HTML5Translator, node: nodes.Element) -> None:
    _write(self, node, block=False)


def visit_math_block(self: HTML5Translator, node: nodes.Element) -> None:
    _write(self, node, block=True)


def setup_math(app: Sphinx) -> None:
    """Register the MathML renderer, the math options and the reading check."""
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
    app.connect("config-inited", configure_math)
    app.add_transform(MathConverts)
