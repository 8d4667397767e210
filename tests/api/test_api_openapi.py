"""The OpenAPI document: valid, public, and describing every route."""

from __future__ import annotations

import re

from flask import Flask
from openapi_spec_validator import validate

from govapp.api.openapi import document


def test_the_document_is_a_valid_openapi_3_1_document(app: Flask) -> None:
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["bearerAuth"]["description"],
    }


def test_every_api_route_is_in_the_document_with_its_methods(app: Flask) -> None:
    paths = document()["paths"]
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")]
    assert len(rules) >= 10
    for rule in rules:
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        assert path in paths, f"{rule.rule} is not in the OpenAPI document"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = paths[path].get(method.lower())
            assert operation is not None, f"{method} {rule.rule} is not in the OpenAPI document"
            for name in rule.arguments:
                assert any(p["name"] == name and p["in"] == "path" for p in operation["parameters"]), name
    documented = {(path, method) for path, ops in paths.items() for method in ops}
    routed = {
        (re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", r.rule.removeprefix("/api/v1")), m.lower())
        for r in rules
        for m in r.methods - {"HEAD", "OPTIONS"}
    }
    assert documented == routed, "the document describes only routes that exist"


def test_every_operation_but_the_document_itself_needs_a_token(app: Flask) -> None:
    spec = document()
    assert spec["security"] == [{"bearerAuth": []}]
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            if path == "/openapi.json":
                assert operation["security"] == []
            else:
                assert "security" not in operation
                assert "401" in operation["responses"]
