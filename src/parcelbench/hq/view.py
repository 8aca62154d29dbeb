"""HQ's page for its staff: the period's figures with their charts, every bench, recent
seizures.

Why templates: the page grew from two tables to figures, charts and forms, and every value on
it came from a bench (a description, a name) — Jinja2 with autoescape writes each one as text,
never as markup, which hand-built f-string HTML only did where someone remembered to. The
charts are Chart.js (MIT), served by HQ itself from this package (`static/`): HQ may have no
internet, and a page that loads code from a CDN would leak who reads it. The figures travel in
the page as JSON (`tojson`) and `static/hq.js` draws them; the page runs no inline script, so
the Content-Security-Policy allows scripts from HQ only.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

#: What /static/ serves (name: media type); nothing else is read from the package.
STATIC: dict[str, str] = {
    "hq.css": "text/css; charset=utf-8",
    "hq.js": "text/javascript; charset=utf-8",
    "chart.umd.min.js": "text/javascript; charset=utf-8",
    "LICENSE-chart.js.md": "text/markdown; charset=utf-8",
}
#: The page's policy: its own scripts, styles and forms only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f} %"


_ENV = Environment(
    loader=PackageLoader("parcelbench.hq", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["pct"] = _pct


def render(
    benches: list[dict[str, Any]],
    seizures: list[dict[str, Any]],
    figures: dict[str, Any],
    rescores: list[dict[str, Any]] | None = None,
) -> str:
    """The page, every value escaped."""
    return _ENV.get_template("home.html").render(
        benches=benches,
        seizures=seizures,
        figures=figures,
        period=figures["period"],
        rescores=rescores or [],
    )


def static_file(name: str) -> tuple[bytes, str] | None:
    """(bytes, media type) of one of `STATIC`, or None for any other name."""
    media = STATIC.get(name)
    if media is None:
        return None
    return (files("parcelbench.hq") / "static" / name).read_bytes(), media
