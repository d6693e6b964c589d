"""Settings: one pydantic-settings object, read from DISPUTEDESK_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("var")


class Settings(BaseSettings):
    """Runtime configuration of one disputedesk process."""

    model_config = SettingsConfigDict(env_prefix="DISPUTEDESK_", extra="ignore")

    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str = ""
    secret_key: str = ""
    demo_mode: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    coach_send_threshold: int = Field(default=70, ge=0, le=100)
    model_dir: Path | None = None
    log_level: str = "INFO"
    session_hours: int = Field(default=12, ge=1)
    public_url: str = "http://127.0.0.1:8000"
    timezone: str = "UTC"
    business_hours: str = "09:00-17:00"
    workflow_file: Path | None = None
    follow_up_business_days: int = Field(default=3, ge=0, le=60)
    survey_valid_days: int = Field(default=14, ge=1, le=365)
    embedded_worker: bool = True
    # How long a job may stay claimed before another worker takes it over (its worker died).
    job_lease_seconds: int = Field(default=300, ge=1)

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data directory."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
            return url
        return f"sqlite:///{(self.data_dir / 'disputedesk.sqlite3').as_posix()}"

    def resolved_model_dir(self) -> Path:
        """Where trained category models are saved and loaded from."""
        return self.model_dir if self.model_dir is not None else self.data_dir / "models"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
