"""A Sphinx extension that fixes what a real browser and axe-core find in Jupyter Book's pages.

Loaded from ``_config.yml`` (``sphinx.config.extensions``). One job: the HTML the theme and
docutils write for every page.

- docutils marks each bibliography entry ``role="doc-biblioentry"`` inside a
  ``role="list"``; WAI-ARIA 1.3 deprecates that role, and axe-core reports the list as a
  critical ``aria-required-children`` violation. Entries become ``role="listitem"``, the
  replacement the DPUB-ARIA module names.
"""

from __future__ import annotations

BIBLIOENTRY = 'role="doc-biblioentry"'


def accessible_body(body: str) -> str:
    """The page body with deprecated ARIA roles replaced by their current equivalents."""
    return body.replace(BIBLIOENTRY, 'role="listitem"')


def _page_context(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = accessible_body(context["body"])


def setup(app):
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
