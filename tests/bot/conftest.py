"""Fixtures of the bot tests: one small real index per session, a running bot per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from rag.assistant import Assistant
from tests.bot.harness import Harness, running_bot, small_assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The real assistant over two reports, with the hashing embedder."""
    return small_assistant(tmp_path_factory.mktemp("bot-index"))


@pytest.fixture
async def bot(assistant: Assistant, tmp_path: Path) -> AsyncIterator[Harness]:
    """The real Application polling a fresh fake Bot API server."""
    async with running_bot(assistant, tmp_path) as harness:
        yield harness
