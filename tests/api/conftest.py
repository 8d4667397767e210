"""API fixtures: personal API tokens for the test world's people, and a client that checks every answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from werkzeug.test import TestResponse

from govapp.api.openapi import document
from govapp.extensions import db
from govapp.models import TokenKind
from govapp.services.tokens import create_token
from tests.conftest import World
from tests.requisitions.helpers import user


def check_against_schema(body: Any, schema_name: str) -> None:
    """Validate a response body against the schema the OpenAPI document gives for it."""
    spec = document()
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    errors = sorted(Draft202012Validator(schema).iter_errors(body), key=str)
    assert not errors, f"{schema_name}: {errors[0]}"


@dataclass
class ApiClient:
    client: FlaskClient
    secret: str | None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"} if self.secret else {}

    def get(self, path: str, status: int = 200, schema: str | None = None) -> Any:
        return self._check(self.client.get("/api/v1" + path, headers=self._headers()), status, schema)

    def post(self, path: str, body: Any = None, status: int = 201, schema: str | None = None, **kwargs: Any) -> Any:
        if body is not None:
            kwargs["json"] = body
        response = self.client.post("/api/v1" + path, headers=self._headers(), **kwargs)
        return self._check(response, status, schema)

    def _check(self, response: TestResponse, status: int, schema: str | None) -> Any:
        assert response.status_code == status, f"{response.status_code} != {status}: {response.get_data(as_text=True)}"
        assert response.mimetype == "application/json"
        body = response.get_json()
        if status >= 400:
            check_against_schema(body, "Error")
            assert body["error"]["status"] == status
            assert body["error"]["message"]
        elif schema:
            check_against_schema(body, schema)
        return body


@pytest.fixture
def token_for(app: Flask, world: World) -> Callable[[str], str]:
    """``token_for(email)``: a new personal API token's secret for that person."""

    def make(email: str) -> str:
        with app.app_context():
            _token, secret = create_token(user(email), TokenKind.API, "tests")
            db.session.commit()
            db.session.remove()
        return secret

    return make


@pytest.fixture
def api_as(app: Flask, world: World, token_for: Callable[[str], str]) -> Callable[[str], ApiClient]:
    """``api_as("member")``: an API client carrying a token of the test world's first person in that role."""

    def make(role_or_email: str) -> ApiClient:
        email = role_or_email if "@" in role_or_email else world.email(role_or_email)
        return ApiClient(app.test_client(), token_for(email))

    return make
