"""API keys: with keys configured, writes need `Authorization: Bearer <key>` (reads too when
`protect_reads` is set). Only SHA-256 digests of the keys are kept, every one is compared in
constant time, and neither a key nor the header is ever logged."""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.config import Settings
from app.errors import Unauthorized

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(
    auto_error=False, scheme_name="APIKey",
    description="An API key as a bearer token; writes need one when the service has keys configured.",
)


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


class KeyRing:
    """The digests of the accepted keys; comparing equal-length digests leaks neither a
    key's content nor its length."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._digests = tuple(_digest(key) for key in keys)

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        return cls(key.get_secret_value() for key in settings.api_keys)

    def accepts(self, key: str) -> bool:
        presented = _digest(key)
        # Compare against every key, without stopping at the first match.
        return sum(hmac.compare_digest(presented, digest) for digest in self._digests) > 0


def check_access(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Router dependency, installed when keys are configured: let the request through or answer
    401 with `WWW-Authenticate: Bearer`."""
    keys: KeyRing = request.app.state.api_keys
    if request.method in READ_METHODS and not request.app.state.settings.protect_reads:
        return
    if credentials is None:
        raise Unauthorized("this operation needs an API key: send `Authorization: Bearer <key>`")
    if not keys.accepts(credentials.credentials):
        raise Unauthorized("the API key given is not valid")


def check_form_key(request: Request, key: str | None) -> None:
    """The pages' write forms: a browser form cannot send a bearer header, so the key is a form
    field; the rule is the API's (open without configured keys, else a valid key or 401)."""
    if not request.app.state.settings.api_keys:
        return
    if not key:
        raise Unauthorized("this operation needs an API key: type it in the form's key field")
    if not request.app.state.api_keys.accepts(key):
        raise Unauthorized("the API key given is not valid")
