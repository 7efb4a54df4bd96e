"""Property fuzzing: schemathesis generates valid and invalid requests from the service's own
OpenAPI document and calls it in-process: no server error, and every response (status, content
type, headers, body) conforms to the schema."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.api.jobs import get_dispatcher
from tests.api.test_batch import Recorder

MAX_EXAMPLES = 30


@pytest.fixture
def api_schema(client):
    """The live app's schema; batch jobs are recorded, not run (a worker thread would outlive the test)."""
    client.app.dependency_overrides[get_dispatcher] = Recorder
    return schemathesis.openapi.from_asgi("/openapi.json", client.app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_schema(case):
    # Left out, by design: schema-valid input the service refuses (cursors it did not issue, an
    # alias without letters, a self-merge), and methods a path lacks (GET /articles/batch is
    # GET /articles/{id} with a bad id, so 422 rather than 405, and `Allow` names GET there).
    # Every other check runs.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance,
                                            schemathesis.checks.unsupported_method,
                                            schemathesis.checks.allow_header_conformance])
