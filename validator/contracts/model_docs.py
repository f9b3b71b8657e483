"""Model docs: the Markdown pages a documentation generator writes for each model, read back into
the schema files they define, and the drift between a stored schema and its doc.

A model doc holds a title (its first ``# `` heading), a ``**Package:** `package.name``` line and
a ``## JSON Schema`` section whose first fenced ``json`` block is the model's schema.  The schema
file a doc defines is ``{Title}.json``: ``$schema`` (draft 2020-12), ``$id`` (built from the
package and the title), then the block's keys in their order, indented by two spaces, non-ASCII
characters as they are, and a final newline.

Problems with a doc are :class:`DocProblem` (a :class:`~validator.problems.SchemaUnreadable`, exit
code 2), each one line naming the doc and the line (and column, for JSON) concerned.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from validator.inputs.parse import Parsed, parse
from validator.problems import SchemaUnreadable

__all__ = [
    "DIALECT",
    "ID_BASE",
    "DocProblem",
    "ModelDoc",
    "Stored",
    "compare",
    "contract",
    "doc_paths",
    "drift",
    "read_doc",
    "read_docs",
    "render",
    "store",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of every schema file a doc defines."""

ID_BASE = "https://casefile-validator.invalid/schemas"
"""``$id`` = ``{ID_BASE}/{package}/{title}.json`` (``.invalid`` never resolves: an identifier)."""

_TITLE = re.compile(r"#[ \t]+(.*?)[ \t#]*")
_PACKAGE = re.compile(r"\*\*Package:\*\*[ \t]*`([^`]*)`[ \t]*")
_SECTION = re.compile(r"##[ \t]+JSON Schema[ \t#]*")
_FENCE = re.compile(r"(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*")
_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_SAFE_PACKAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


class DocProblem(SchemaUnreadable):
    """A model doc that cannot be read, or lacks (or garbles) what defines its schema."""


class ModelDoc(NamedTuple):
    """What one model doc says: ``line`` is where its JSON block's text starts (1-based)."""

    path: str
    title: str
    package: str
    schema: dict[str, Any]
    title_line: int
    line: int

    @property
    def file_name(self) -> str:
        """The name of the schema file this doc defines."""
        return f"{self.title}.json"


def _fail(path: str, line: int, message: str) -> DocProblem:
    return DocProblem(f"{path}:{line}: {message}", schema=path)


def _lines(path: str, raw: bytes) -> list[str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, line, "not UTF-8 text") from None
    # split at LF alone: a JSON string may hold U+2028 and friends, which splitlines() cuts at
    lines = text.removeprefix("\ufeff").split("\n")
    return [line.removesuffix("\r") for line in lines]


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes a block opened by ``fence`` (as many marks or more, alone)."""
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _outside_fences(lines: list[str]) -> Iterator[tuple[int, str, str | None]]:
    """``(index, line, fence)`` for every line; ``fence`` is the fence a line opens (its info
    string with it), or ``None`` for a line outside any fenced block.  Lines inside a block, and
    its closing fence, are skipped."""
    open_fence: str | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if open_fence is not None:
            if _closes(line, open_fence):
                open_fence = None
            continue
        fence = _FENCE.fullmatch(stripped)
        if fence:
            open_fence = fence.group(1)
            yield index, line, fence.group(2).lower()
            continue
        yield index, line, None


def read_doc(path: str | Path, *, named: bool = True) -> ModelDoc:
    """Read one model doc (``named`` on the command line, or found in a folder: see
    :func:`validator.contracts.confined.read_doc_bytes`); :class:`DocProblem` when it cannot be
    read or lacks a part."""
    from validator.contracts.confined import read_doc_bytes

    name = str(path)
    try:
        raw = read_doc_bytes(name, named)
    except OSError as exc:
        raise DocProblem(f"{name}: cannot read: {exc.strerror or exc}", schema=name) from None
    return parse_doc(name, raw)


def parse_doc(path: str, raw: bytes) -> ModelDoc:
    """The :class:`ModelDoc` in ``raw``, the text of the doc named ``path``."""
    lines = _lines(path, raw)
    title = package = None
    title_line = package_line = section = block = 0
    for index, line, fence in _outside_fences(lines):
        if title is None:
            match = _TITLE.fullmatch(line)
            if match:
                title, title_line = match.group(1), index + 1
            continue
        if package is None:
            match = _PACKAGE.fullmatch(line.strip())
            if match:
                package, package_line = match.group(1).strip(), index + 1
            continue
        if not section:
            if _SECTION.fullmatch(line.strip()):
                section = index + 1
            continue
        if line.startswith("## ") or line.startswith("# "):
            break
        if fence is not None:
            if fence != "json":
                raise _fail(
                    path,
                    index + 1,
                    f"the JSON Schema section's block is {fence or 'untagged'}, not json",
                )
            block = index + 1
            break
    if title is None:
        raise _fail(path, 1, 'no title (a first "# Title" heading)')
    if package is None:
        raise _fail(path, title_line, 'no "**Package:** `package.name`" line after the title')
    if not section:
        raise _fail(path, title_line, 'no "## JSON Schema" section after the package line')
    if not block:
        raise _fail(path, section, 'no ```json block in the "## JSON Schema" section')
    if not _SAFE_NAME.fullmatch(title) or title.endswith("."):
        raise _fail(
            path,
            title_line,
            f"title {title!r} is not a safe file name (letters, digits, '_', '-' and '.' only)",
        )
    if not _SAFE_PACKAGE.fullmatch(package):
        raise _fail(path, package_line, f"package {package!r} is not a dotted Python name")
    return _finish(path, lines, title, title_line, package, block)


def _finish(
    path: str, lines: list[str], title: str, title_line: int, package: str, block: int
) -> ModelDoc:
    fence = lines[block - 1].strip()
    marker = fence[: len(fence) - len(fence.lstrip(fence[0]))]
    end = next((i for i in range(block, len(lines)) if _closes(lines[i], marker)), None)
    if end is None:
        raise _fail(path, block, "the ```json block is never closed")
    text = "\n".join(lines[block:end])
    parsed = parse(text.encode("utf-8"))
    if not isinstance(parsed, Parsed):
        line = block + parsed.line
        raise DocProblem(
            f"{path}:{line}:{parsed.column}: the documented schema is not valid JSON: "
            f"{parsed.message}",
            schema=path,
        )
    if parsed.duplicates:
        duplicate = parsed.duplicates[0]
        where = text[: duplicate.offset].count("\n") + block + 1
        raise _fail(
            path,
            where,
            f"the documented schema has a duplicate key {duplicate.key!r} "
            f"in {duplicate.pointer or '/'!r}",
        )
    if not isinstance(parsed.value, dict):
        raise _fail(path, block + 1, "the documented schema is not a JSON object")
    return ModelDoc(path, title, package, parsed.value, title_line, block + 1)


def contract(doc: ModelDoc) -> dict[str, Any]:
    """The schema file's contents: ``$schema``, ``$id``, then the documented keys in order.

    A block that states its own ``$schema`` or ``$id`` must state these very values."""
    own = {"$schema": DIALECT, "$id": f"{ID_BASE}/{doc.package}/{doc.title}.json"}
    for key, value in own.items():
        if key in doc.schema and doc.schema[key] != value:
            raise _fail(
                doc.path,
                doc.line,
                f"the documented schema's {key} is {json.dumps(doc.schema[key])}, "
                f"expected {json.dumps(value)}",
            )
    return {**own, **{k: v for k, v in doc.schema.items() if k not in own}}


def render(schema: Any) -> bytes:
    """A schema file's bytes, as the bundled ones are written."""
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# --- drift ----------------------------------------------------------------------------------


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _shown(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)  # true, false and null equal only themselves
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


def _same(a: Any, b: Any) -> bool:
    """Two leaves, equal as JSON: ``1`` equals ``1.0``, but ``true`` is not ``1``."""
    return _kind(a) == _kind(b) and bool(a == b)


def drift(stored: Any, documented: Any, pointer: str = "") -> list[str]:
    """What changed from ``stored`` to ``documented``, one line per JSON Pointer (object keys in
    sorted order, array items by index): ``/p: changed OLD -> NEW``, ``/p: added NEW``,
    ``/p: removed OLD``.  The root is written ``/``.  Empty when the two are equal as JSON."""
    where = pointer or "/"
    if isinstance(stored, Mapping) and isinstance(documented, Mapping):
        lines: list[str] = []
        for key in sorted({*stored, *documented}):
            inner = f"{pointer}/{_escape(key)}"
            if key not in stored:
                lines.append(f"{inner}: added {_shown(documented[key])}")
            elif key not in documented:
                lines.append(f"{inner}: removed {_shown(stored[key])}")
            else:
                lines.extend(drift(stored[key], documented[key], inner))
        return lines
    if isinstance(stored, list) and isinstance(documented, list):
        lines = []
        for index in range(max(len(stored), len(documented))):
            inner = f"{pointer}/{index}"
            if index >= len(stored):
                lines.append(f"{inner}: added {_shown(documented[index])}")
            elif index >= len(documented):
                lines.append(f"{inner}: removed {_shown(stored[index])}")
            else:
                lines.extend(drift(stored[index], documented[index], inner))
        return lines
    if _same(stored, documented):
        return []
    return [f"{where}: changed {_shown(stored)} -> {_shown(documented)}"]


# --- many docs: import and check ------------------------------------------------------------


def doc_paths(inputs: list[str]) -> list[str]:
    """The docs named: files as given, folders searched recursively for ``*.md`` (sorted); a
    doc named twice (a file inside a folder also given) counts once.  What a folder holds that
    is not used (a link out of it, no regular file) is left out: see
    :func:`validator.contracts.confined.found_docs`."""
    from validator.contracts.confined import found_docs

    return found_docs(inputs)[0]


def read_docs(inputs: list[str]) -> tuple[list[ModelDoc], list[DocProblem]]:
    """Every doc named (see :func:`doc_paths`) that reads well and whose title no earlier doc
    has, and the problems of the others (one doc's problem never stops the rest)."""
    from validator.contracts.confined import found_docs

    docs: list[ModelDoc] = []
    paths, unused = found_docs(inputs)
    problems = [DocProblem(line) for line in unused]
    titles: dict[str, ModelDoc] = {}
    for path in paths:
        try:
            doc = read_doc(path, named=path in inputs and not os.path.isdir(path))
            contract(doc)
        except DocProblem as problem:
            problems.append(problem)
            continue
        first = titles.get(doc.title.casefold())
        if first is not None:
            problems.append(
                _fail(
                    path,
                    doc.title_line,
                    f"title {doc.title!r} is also that of {first.path}:{first.title_line} "
                    "(one schema file per title)",
                )
            )
            continue
        titles[doc.title.casefold()] = doc
        docs.append(doc)
    return docs, problems


class Stored(NamedTuple):
    """How a stored schema file compares with its doc: ``changes`` are :func:`drift` lines;
    ``missing`` when there is no such file."""

    doc: ModelDoc
    path: Path
    missing: bool
    changes: tuple[str, ...] = ()


def compare(doc: ModelDoc, folder: Path) -> Stored:
    """The stored schema of ``doc`` in ``folder`` against the one ``doc`` defines; a stored file
    that cannot be read, or is not strict JSON, is a :class:`DocProblem`."""
    from validator.contracts.confined import read_stored

    path = folder / doc.file_name
    try:
        raw = read_stored(path, folder)
    except SchemaUnreadable as problem:  # a link out of the folder, no regular file, too large
        raise DocProblem(str(problem), schema=str(path)) from None
    if raw is None:
        return Stored(doc, path, missing=True)
    parsed = parse(raw)
    if not isinstance(parsed, Parsed):
        raise DocProblem(
            f"{path}:{parsed.line}:{parsed.column}: stored schema is not valid JSON: "
            f"{parsed.message}",
            schema=str(path),
        )
    return Stored(doc, path, False, tuple(drift(parsed.value, contract(doc))))


def store(doc: ModelDoc, folder: Path) -> tuple[Path, bool]:
    """Write the schema file ``doc`` defines into ``folder`` (created if missing), whole: it is
    written beside its name and renamed into place.  ``(path, written)``; a file that already
    holds these bytes is left alone (``written`` is False).  OSError when it cannot be written."""
    import tempfile

    from validator.contracts.confined import read_stored

    path = folder / doc.file_name
    data = render(contract(doc))
    try:  # what stands there is replaced, never read out of the folder nor written through
        if read_stored(path, folder) == data:
            return path, False
    except SchemaUnreadable:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{doc.file_name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path, True
