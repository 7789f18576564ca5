"""The Jinja2 environment of funcnet's exports: the HTML report and the Keras script.

Templates live in `funcnet/export/templates/`. HTML templates (`*.html.j2`)
are autoescaped, so every value a template prints is text unless the code
marks it as HTML on purpose (`markupsafe.Markup`, for plotly's own chart
markup); a user's file, column, class or node name can never become markup.
The script template (`*.py.j2`) is plain text: codegen hands it Python that
is already valid (literals made by `funcnet.export.pycode.py_str`).
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2


@functools.cache
def environment() -> jinja2.Environment:
    """Returns the shared environment (templates are compiled once per process).

    Returns:
        An environment that autoescapes `.html.j2` templates, fails on an
        undefined name, and keeps a template's final newline.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("funcnet.export", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                            default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, **values: Any) -> str:
    """Renders template `name` with `values`.

    Args:
        name: File name in `funcnet/export/templates/`.
        **values: The template's variables.

    Returns:
        The rendered text.
    """
    return environment().get_template(name).render(**values)
