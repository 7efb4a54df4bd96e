"""All settings in one place, read from the environment (or a `.env` file)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./quotes.db"

    # NER model: the bundled one by default; any Stanza model path; or Stanza's official
    # Arabic models from `ner_official_dir` (Stanza's resources directory).
    ner_model_path: Path | None = None
    ner_pretrain_path: Path | None = None
    ner_official: bool = False
    ner_official_dir: Path | None = None
    ner_batch_size: int | None = None
    # "direct" feeds the model our token batches (app/nlp/ner_direct.py; same entities, faster);
    # "pipeline" runs it through stanza.Pipeline. `ner_quantize`: int8 LSTM/linear layers in
    # the direct path (faster again, entities not identical: docs/ner-speed.md).
    ner_tagger: Literal["direct", "pipeline"] = "direct"
    ner_quantize: bool = False

    max_body_bytes: int = Field(default=2_000_000, description="larger request bodies get 413")
    max_text_chars: int = 200_000

    fetch_timeout_seconds: float = 10.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    fetch_allow_private_hosts: bool = False

    default_page_size: int = 20
    max_page_size: int = 200

    # Batch ingest: with a broker, `dramatiq app.worker` processes run the jobs; without one,
    # a worker thread inside the API process does.
    broker_url: str | None = Field(default=None, description="e.g. redis://127.0.0.1:6379/0")
    max_batch_articles: int = 1000
    ingest_chunk_size: int = Field(default=128, description="articles tagged together (NER batches across them)")
    job_lease_seconds: int = Field(default=300, description="a claimed article not settled by then is retried")
    job_max_attempts: int = 3

    # Access: with keys set, writes need `Authorization: Bearer <key>`; reads too if protect_reads.
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(default=[], description="comma-separated")
    protect_reads: bool = False
    cors_origins: Annotated[list[str], NoDecode] = Field(default=[], description="comma-separated")

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    return Settings()
