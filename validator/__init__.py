"""casefile-validator: check API response documents against their documented JSON Schemas.

The public API is small::

    >>> import validator
    >>> report = validator.validate({"request_id": "not-a-uuid"})
    >>> report.valid
    False
    >>> [e.instance_location for e in report.errors]
    ['', '', '/request_id']

Verdicts are those of ``jsonschema.Draft202012Validator`` with format assertion on; documents
given as bytes or files are parsed strictly (RFC 8259) and their errors carry line and column.

The public names are those of ``validator.api.__all__`` (listed there, once).  They are imported
on first use, so that the command line tool, which does not use them, starts fast.
"""

# Only modules loaded before any package is imported are imported here (no ``__future__``, no
# ``typing``): ``python -m validator`` runs this file with the working directory still first on
# ``sys.path``, where a repository's ``typing.py`` would be found (see validator/__main__.py).
import importlib
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from validator.api import *  # noqa: F403
    from validator.api import __all__ as __all__


def __getattr__(name: str) -> "Any":
    if name.startswith("_") and name != "__all__":  # not ours: never worth importing the API
        raise AttributeError(f"module 'validator' has no attribute {name!r}")
    here = os.path.join(os.path.dirname(__file__), name)
    if os.path.exists(f"{here}.py") or os.path.isdir(here):
        # a submodule or wing not imported yet (``from validator import run``): the import system
        # imports it when told there is no such attribute, without the API's imports
        raise AttributeError(f"module 'validator' has no attribute {name!r}")
    api = importlib.import_module("validator.api")
    if name != "__all__" and name not in api.__all__:
        raise AttributeError(f"module 'validator' has no attribute {name!r}")
    value = getattr(api, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__getattr__("__all__")])
