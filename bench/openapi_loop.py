"""The peer of the OpenAPI rows: a one-process ``openapi-schema-validator`` loop over a repository
made by :mod:`bench.openapi_spec` (its import, its loading of the spec with ``json`` or PyYAML's C
loader, one validator per component, each document read and judged).  Prints
``<valid> <invalid>``.

    python bench/openapi_loop.py REPOSITORY
"""

import json
import os
import sys


def main(root: str) -> None:
    import openapi_schema_validator as osv

    name = "api.yaml" if os.path.exists(os.path.join(root, "api.yaml")) else "api.json"
    with open(os.path.join(root, name), "rb") as file:
        if name.endswith(".yaml"):
            import yaml

            spec = yaml.load(file, Loader=yaml.CSafeLoader)
        else:
            spec = json.load(file)
    v30 = spec["openapi"].startswith("3.0")
    cls = osv.OAS30Validator if v30 else osv.OAS31Validator
    formats = osv.oas30_format_checker if v30 else osv.oas31_format_checker
    valid = invalid = 0
    payloads = os.path.join(root, "payloads")
    for component in sorted(os.listdir(payloads)):
        schema = {"$ref": f"#/components/schemas/{component}", "components": spec["components"]}
        validator = cls(schema, format_checker=formats)
        folder = os.path.join(payloads, component)
        for each in os.listdir(folder):
            with open(os.path.join(folder, each), "rb") as file:
                document = json.load(file)
            if validator.is_valid(document):
                valid += 1
            else:
                invalid += 1
    print(valid, invalid)


if __name__ == "__main__":
    main(sys.argv[1])
