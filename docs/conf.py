"""Sphinx configuration of the documentation site (Markdown pages through MyST, the furo theme).

Build it as .ci/run does, strictly (every warning an error, every reference checked)::

    .venv/bin/pip install -q -e '.[docs]'
    .venv/bin/sphinx-build -W --keep-going -n -b html docs docs/_build/html

The build is offline: no intersphinx inventories, no extension that fetches.  The API pages of
``validator.dask`` and ``validator.spark`` build without those extras: their third-party imports
are mocked.
"""

from __future__ import annotations

from importlib.metadata import version as _version
from typing import Any

project = "casefile-validator"
author = "casefile-validator contributors"
copyright = "casefile-validator contributors"
release = _version("casefile-validator")
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
# demo/ is a small repository the examples run in (its model docs are Markdown, not pages)
exclude_patterns = ["_build", "demo"]

myst_heading_anchors = 3  # [text](page.md#a-heading) links, checked by the build

nitpicky = True  # a reference that resolves nowhere is a warning, hence an error in CI
autodoc_mock_imports = ["dask", "distributed", "pyspark", "pyarrow", "pandas", "fsspec"]
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True

# Types from the standard library: there is no intersphinx inventory to link them to (the build
# is offline), so they are shown as written instead of being looked up.
nitpick_ignore_regex = [
    ("py:class", r"(pathlib|os|collections\.abc)\.\w+"),
    ("py:class", r"Path"),  # load_schema's annotation, a string naming pathlib.Path
    ("py:class", r"Documents"),  # load_schema's: validator.contracts.documents (internal)
]

# References that resolve nowhere on purpose, each for a reason:
nitpick_ignore = [
    # SchemaProblem's docstring names its exit code's constant (2, on the exit codes' table)
    ("py:data", "EXIT_USAGE"),
    # load_schema's docstring names a field of the Schema it returns (documented as a class)
    ("py:attr", "Schema.name"),
]
nitpick_ignore_regex += [
    # docstrings may name the internal module doing the work: the site documents the
    # public modules (validator, validator.api, validator.dask, validator.spark) only
    ("py:mod", r"validator\.(?!(api|dask|spark)$)\w+(\.\w+)*"),
]

html_theme = "furo"
html_title = f"casefile-validator {release}"
html_static_path: list[str] = []
html_show_sourcelink = False

# Annotations name the public classes where they are defined (validator.contracts.catalog.Schema,
# validator.problems.Problem): such a reference resolves to the public name this site documents
# the class under.  Any other missing name is still reported.
PUBLIC_CLASSES = {"Problem", "Report", "Schema", "SchemaProblem", "Status"}
DASK_CLASSES = {"Summary"}


def _public_name(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference to an internal home of a public class as its public name."""
    target = node.get("reftarget", "")
    name = target.rpartition(".")[2]
    if node.get("refdomain") != "py" or not target.startswith("validator."):
        return None
    if name in PUBLIC_CLASSES:
        public = f"validator.{name}"
    elif name in DASK_CLASSES:
        public = f"validator.dask.{name}"
    else:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], public, node, contnode
    )


def setup(app: Any) -> None:
    app.connect("missing-reference", _public_name)
