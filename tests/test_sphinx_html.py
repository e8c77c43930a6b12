"""newsbook.sphinx_html: the accessibility fixes applied to every page Jupyter Book writes."""

from docutils.core import publish_parts

from newsbook.sphinx_html import accessible_body

CITATIONS = """\
See [CL75]_.

.. [CL75] Meri Coleman and T. L. Liau. A computer readability formula designed for machine scoring.
"""


def test_bibliography_entries_become_list_items():
    body = publish_parts(CITATIONS, writer_name="html5")["body"]
    assert 'role="doc-biblioentry"' in body  # what docutils writes (deprecated in WAI-ARIA 1.3)
    fixed = accessible_body(body)
    assert 'role="doc-biblioentry"' not in fixed
    assert fixed.count('role="listitem"') == body.count('role="doc-biblioentry"') == 1
    assert "Meri Coleman" in fixed and 'role="list"' in fixed
