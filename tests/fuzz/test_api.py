"""The open data API, fuzzed by schemathesis from its own OpenAPI document, in process (WSGI):
every operation with valid and invalid parameters, every response checked against the document
(status codes, content type, body schema) and never a 5xx."""

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import given
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from . import harness
from .harness import fuzz_settings

OPENAPI = "/api/v1/openapi.json"
# A filter naming nothing (?section=÷) is a 422 with a Vietnamese message by design (api.errors.
# BadFilter): valid by the schema's types, refused by the data. Every other check applies.
EXCLUDED_CHECKS = [positive_data_acceptance]


def _operations():
    schema = schemathesis.openapi.from_wsgi(OPENAPI, WSGIHandler())
    return [result.ok() for result in schema.get_all_operations()]


@fuzz_settings(scale=1)
@given(data=st.data())
def test_api(data, fuzz_db):
    operations = _operations()
    assert len(operations) >= 10, "the OpenAPI document lost operations"
    for operation in operations:
        mode = data.draw(st.sampled_from([GenerationMode.POSITIVE, GenerationMode.NEGATIVE]), label="mode")
        case = data.draw(operation.as_strategy(generation_mode=mode), label=operation.label)
        harness.count(f"api {operation.label}")
        response = case.call()
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        case.validate_response(response, excluded_checks=EXCLUDED_CHECKS)
        harness.assert_no_logged_errors(f"{case.method} {case.formatted_path}")
