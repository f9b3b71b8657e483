"""A seeded OpenAPI specification with the shape of real ones (issue 22, section 2), its payload
documents and a config with one check per component.

The document has ``components`` component schemas (500 by default, >= 4 MB as JSON) that refer to
each other through chains several deep: "expandable" fields (``anyOf`` of a string id or a
``$ref`` to another component), nullable fields (``nullable: true`` in 3.0, ``type: [.., "null"]``
in 3.1), enums, ``allOf`` compositions over a shared base, a discriminated union (``oneOf`` with a
``discriminator``), and cycles (a customer lists its subscriptions, each of which refers back to
its customer).  Each component has one operation (``GET /v1/<name>s/{id}``, operationId
``get<Name>``) answering it with 200.  Every value is drawn from ``random.Random(seed)``.

    python -m bench.openapi_spec OUT [--components 500] [--version 3.0] [--yaml] [--docs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

WORDS = [
    "the",
    "object",
    "id",
    "of",
    "a",
    "resource",
    "account",
    "balance",
    "charge",
    "customer",
    "invoice",
    "payment",
    "refund",
    "subscription",
    "plan",
    "price",
    "product",
    "session",
    "token",
    "card",
    "bank",
    "transfer",
    "payout",
    "dispute",
    "event",
    "which",
    "is",
    "returned",
    "when",
    "created",
    "updated",
    "deleted",
    "expanded",
    "listed",
    "attached",
    "this",
    "field",
    "may",
    "be",
    "null",
    "if",
    "not",
    "set",
    "for",
    "a",
    "given",
    "mode",
    "and",
    "currency",
    "amount",
    "in",
    "the",
    "smallest",
    "unit",
]
ENUMS = (["active", "canceled", "past_due", "trialing"], ["card", "bank", "wallet"], ["a", "b"])
BASE = "Base"
UNION = "PaymentSource"


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(9 * words // 4)).capitalize() + "."


def names(components: int) -> list[str]:
    """The component names: ``Customer`` and ``Subscription`` (the cycle), then ``Res0002``..."""
    return ["Customer", "Subscription", *(f"Res{k:04d}" for k in range(2, components))]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any], v30: bool) -> dict[str, Any]:
    if v30:
        return {**schema, "nullable": True}
    return {**schema, "type": [schema["type"], "null"]}


def _component(k: int, all_names: list[str], rng: random.Random, v30: bool) -> dict[str, Any]:
    """Component ``k``: scalar fields, nullable ones, enums, expandable references to the next
    few components (chains several deep), a list of another, all over the shared base."""
    name = all_names[k]
    later = all_names[k + 1 : k + 4] or [all_names[0]]
    props: dict[str, Any] = {
        "object": {"type": "string", "enum": [name.lower()], "description": _text(rng, 12)},
        "created": {"type": "integer", "format": "int64", "description": _text(rng, 20)},
        "livemode": {"type": "boolean", "description": _text(rng, 15)},
        "status": {"type": "string", "enum": rng.choice(ENUMS), "description": _text(rng, 25)},
        "amount": {"type": "integer", "minimum": 0, "description": _text(rng, 30)},
        "note": _nullable(
            {"type": "string", "maxLength": 5000, "description": _text(rng, 40)}, v30
        ),
        "metadata": {
            "type": "object",
            "additionalProperties": {"type": "string", "maxLength": 500},
            "description": _text(rng, 45),
        },
    }
    for j, other in enumerate(later):
        props[f"link_{j}"] = {
            "anyOf": [{"type": "string", "maxLength": 5000}, _ref(other)],
            "description": _text(rng, 35),
            "x-expandableFields": [other],
        }
    props["items"] = {
        "type": "array",
        "items": _ref(rng.choice(all_names)),
        "description": _text(rng, 30),
    }
    if name == "Customer":
        props["subscriptions"] = {"type": "array", "items": _ref("Subscription")}
        props["default_source"] = _nullable({"type": "object", "allOf": [_ref(UNION)]}, v30)
    if name == "Subscription":
        props["customer"] = {"anyOf": [{"type": "string"}, _ref("Customer")]}
    required = ["id", "object", "created", "livemode", "status", "note", "link_0"]
    own = {"type": "object", "properties": props, "required": required[1:]}
    return {"allOf": [_ref(BASE), own], "description": _text(rng, 60), "title": name}


def _union() -> dict[str, Any]:
    kinds = {"card": "Res0002", "bank": "Res0003"}
    return {
        "oneOf": [_ref(target) for target in kinds.values()],
        "discriminator": {
            "propertyName": "status",
            "mapping": {k: f"#/components/schemas/{v}" for k, v in kinds.items()},
        },
    }


def make_spec(components: int = 500, seed: int = 22, version: str = "3.0") -> dict[str, Any]:
    """The specification (see the module's docstring)."""
    rng = random.Random(seed)
    v30 = version.startswith("3.0")
    all_names = names(components)
    schemas: dict[str, Any] = {
        BASE: {
            "type": "object",
            "properties": {"id": {"type": "string", "maxLength": 64}},
            "required": ["id"],
        },
        UNION: _union(),
    }
    paths: dict[str, Any] = {}
    for k, name in enumerate(all_names):
        schemas[name] = _component(k, all_names, rng, v30)
        paths[f"/v1/{name.lower()}s/{{id}}"] = {
            "get": {
                "operationId": f"get{name}",
                "description": _text(rng, 30),
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": _ref(name)}},
                    }
                },
            }
        }
    return {
        "openapi": "3.0.3" if v30 else "3.1.0",
        "info": {"title": "Generated API", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _instance(name: str, k: int, all_names: list[str], rng: random.Random, depth: int) -> Any:
    """A valid document of component ``name`` (expanded references down to ``depth``)."""
    later = all_names[k + 1 : k + 4] or [all_names[0]]
    doc: dict[str, Any] = {
        "id": f"{name.lower()}_{rng.randrange(10**8)}",
        "object": name.lower(),
        "created": rng.randrange(2**40),
        "livemode": rng.random() < 0.5,
        "note": None if rng.random() < 0.5 else _text(rng, 5),
        "metadata": {"k": _text(rng, 2)},
        "items": [],
    }
    for j, other in enumerate(later):
        if depth > 0 and rng.random() < 0.5:
            index = all_names.index(other)
            doc[f"link_{j}"] = _instance(other, index, all_names, rng, depth - 1)
        else:
            doc[f"link_{j}"] = f"{other.lower()}_{rng.randrange(10**8)}"
    return doc


def documents(
    spec: dict[str, Any], per: int, seed: int = 22, invalid: float = 0.2
) -> dict[str, list[Any]]:
    """``per`` documents of each component (a fraction of them made invalid), by name.  The
    ``status`` each component's enum allows is read from the spec."""
    rng = random.Random(seed + 1)
    schemas = spec["components"]["schemas"]
    all_names = [n for n in schemas if n not in (BASE, UNION)]
    by_object = {name.lower(): name for name in all_names}
    out: dict[str, list[Any]] = {}
    for k, name in enumerate(all_names):
        docs = []
        for _ in range(per):
            doc = _instance(name, k, all_names, rng, depth=2)
            _statuses(doc, schemas, by_object)
            if rng.random() < invalid:
                doc[rng.choice(["created", "livemode", "status"])] = [1]  # a wrong type
            docs.append(doc)
        out[name] = docs
    return out


def _statuses(doc: Any, schemas: dict[str, Any], by_object: dict[str, str]) -> None:
    """Give every (expanded) object the first status its component's enum allows."""
    if not isinstance(doc, dict):
        return
    own = schemas[by_object[doc["object"]]]["allOf"][1]
    doc["status"] = own["properties"]["status"]["enum"][0]
    for key, value in doc.items():
        if key.startswith("link_"):
            _statuses(value, schemas, by_object)


def write_repository(
    root: Path, components: int, per: int, seed: int, version: str, yaml: bool
) -> tuple[Path, dict[str, list[Any]]]:
    """The spec (``api.json`` or ``api.yaml``), ``payloads/<Name>/<n>.json`` and the config with
    one check per component (``schema = "api.json#/components/schemas/<Name>"``)."""
    spec = make_spec(components, seed, version)
    root.mkdir(parents=True, exist_ok=True)
    name = "api.yaml" if yaml else "api.json"
    path = root / name
    if yaml:
        import yaml as pyyaml

        path.write_text(pyyaml.safe_dump(spec, sort_keys=False, width=100))
    else:
        path.write_text(json.dumps(spec, indent=1))
    docs = documents(spec, per, seed)
    checks = []
    for component, items in docs.items():
        folder = root / "payloads" / component
        folder.mkdir(parents=True, exist_ok=True)
        for n, doc in enumerate(items):
            (folder / f"{n}.json").write_text(json.dumps(doc))
        checks.append(
            f'[[checks]]\nfiles = ["payloads/{component}/*.json"]\n'
            f'schema = "{name}#/components/schemas/{component}"\n\n'
        )
    (root / ".casefile-validate.toml").write_text("".join(checks))
    return path, docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--components", type=int, default=500)
    parser.add_argument("--docs", type=int, default=3, help="documents per component")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--version", choices=("3.0", "3.1"), default="3.0")
    parser.add_argument("--yaml", action="store_true")
    args = parser.parse_args(argv)
    path, docs = write_repository(
        args.out, args.components, args.docs, args.seed, args.version, args.yaml
    )
    count = sum(map(len, docs.values()))
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {len(docs)} checks, {count} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
