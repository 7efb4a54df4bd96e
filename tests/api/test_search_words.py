"""A search is split into words as the statement indexes split text: a word joined by an
underscore or other punctuation is two words (FTS5 without positions refuses the phrase that
one quoted term of two tokens would be, and that was a 503)."""
from __future__ import annotations

import pytest

from app.services.query import query_words


def test_words_split_where_the_index_splits_them() -> None:
    assert query_words("other_id") == ["other", "id"]
    assert len(query_words("الرقة_اليوم")) == 2
    assert query_words("__ -- ..") == []


@pytest.mark.parametrize("q", ["other_id", "a_b", "x-y", "_", "NEAR(", "ab:cd", "^a", "a*b"])
def test_a_search_with_punctuation_inside_words_is_no_server_error(client, q: str) -> None:
    response = client.get("/quotes", params={"q": q})
    assert response.status_code == 200, response.text
    assert response.json()["items"] == []
