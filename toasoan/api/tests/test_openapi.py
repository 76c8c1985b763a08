"""The OpenAPI document is valid, names every resource and says what errors look like."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_document_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "API dữ liệu mở"
    assert schema["info"]["license"]["name"] == "CC BY 4.0"


def test_every_resource_is_described(schema):
    paths = set(schema["paths"])
    for path in (
        "/api/v1/",
        "/api/v1/articles/",
        "/api/v1/articles/{article_id}/",
        "/api/v1/sections/",
        "/api/v1/sections/{section_id}/",
        "/api/v1/procedures/",
        "/api/v1/procedures/{procedure_id}/",
        "/api/v1/procedures/fields/",
        "/api/v1/documents/",
        "/api/v1/documents/{document_id}/",
        "/api/v1/documents/types/",
        "/api/v1/documents/fields/",
    ):
        assert path in paths
    # Read-only: nothing but GET.
    assert {method for ops in schema["paths"].values() for method in ops} == {"get"}


def test_lists_document_filters_pagination_and_errors(schema):
    operation = schema["paths"]["/api/v1/articles/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"section", "tu_ngay", "den_ngay", "page", "page_size"} <= names
    assert {"200", "404", "422", "429"} <= set(operation["responses"])
    page_size = next(p for p in operation["parameters"] if p["name"] == "page_size")
    assert page_size["schema"]["maximum"] == 100


def test_no_swagger_page_with_third_party_scripts(client):
    response = client.get("/api/v1/docs", follow=True)
    assert response.status_code == 404
    assert b"swagger" not in response.content.lower()


def test_the_root_lists_every_resource(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    assert body["documentation"] == "http://testserver/du-lieu-mo/"
    assert body["resources"]["articles"] == "http://testserver/api/v1/articles/"
    assert set(body["resources"]) == {"articles", "sections", "procedures", "documents"}
