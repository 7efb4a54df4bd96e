"""Refuse query parameters an operation does not take: a typo such as `speker=` would
otherwise be ignored silently and answer with everything."""
from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant

from app.errors import InvalidInput


def reject_unknown_query_parameters(request: Request) -> None:
    """Router dependency; the matched route's dependencies say which names it takes."""
    known = _query_names(request.scope["route"].dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise InvalidInput(f"unknown query parameter {unknown[0]!r}; this operation takes: {takes}",
                           extra={"parameter": unknown[0]})


def _query_names(dependant: Dependant) -> set[str]:
    return {param.alias for param in dependant.query_params}.union(*map(_query_names, dependant.dependencies))
