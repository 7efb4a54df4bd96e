"""Router dependency: refuse unstorable strings (`app/unstorable.py`) in the query and the JSON
body with a 422 naming the place, before any service sees them."""
from __future__ import annotations

from fastapi import Request

from app.api.media import is_json, json_body, media_type
from app.unstorable import check_document, check_string


async def reject_unstorable_strings(request: Request) -> None:
    for name, value in request.query_params.multi_items():
        check_string(name, where="a query parameter name", extra={"parameter": name.replace("\x00", "")})
        check_string(value, where=f"query parameter {name!r}", extra={"parameter": name})
    if not is_json(media_type(request)) or not await request.body():
        return
    try:
        body = await json_body(request)  # FastAPI's parse, when it made one
    except ValueError:
        return  # the endpoint answers an unparsable body itself
    check_document(body, root=("body",))


def check_storable(fields: dict[str, str]) -> None:
    """The same refusal for the fields of an HTML form or page query."""
    for name, value in fields.items():
        check_string(value, where=f"field {name!r}", extra={"field": name})
