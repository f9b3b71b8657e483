"""``python -m validator``: the same as ``casefile-validate``.

``python -m`` puts the working directory first on ``sys.path``, so that a module there (an
``orjson.py`` committed to the repository being checked) would be imported in place of the real
one.  It is taken off ``sys.path`` here, before anything else is imported.  What Python imports
before this file runs cannot be helped from here (the ``validator`` package itself, found in the
working directory first, and its ``__init__``, which imports only modules loaded at start-up):
on Python 3.11+ ``python -P -m validator`` (or ``PYTHONSAFEPATH=1``) keeps the working directory
off ``sys.path`` from the start; the ``casefile-validate`` command never has it there.  See
docs/security-boundary.md.
"""

import os
import sys

if sys.path and not getattr(sys.flags, "safe_path", False) and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from validator.command.entry import main  # after sys.path is safe

if __name__ == "__main__":
    main()
