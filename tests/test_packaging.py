"""The image and its deployment files, read rather than built (offline, fast).

- `Dockerfile`: installs exactly as the README's first set-up command; two stages at one path
  (the editable install points at it); an unprivileged user; a health check that runs
  `baocao doctor --offline`; the reports baked in and seeded into the volume; settings pointed
  at the volume; `.dockerignore` keeps secrets, local state and caches out of the build.
- `compose.yaml`: parses; wires the bot to the Chroma service through settings the app reads;
  the Chroma server is the version of the client.
- `.ci/run`: runs the README's test command.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version as installed_version
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from rag.settings import PROJECT_ROOT, Settings

ROOT = PROJECT_ROOT


# ---------------------------------------------------------------------------- README


@cache
def readme_setup_commands() -> list[str]:
    """The commands of the README's first code block: install-and-ask, then install-and-test."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^```(?:bash|sh)\n(.*?)^```", text, re.M | re.S)
    assert block is not None, "README.md has no ```bash block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def install_part(command: str) -> str:
    """The steps of a `a && b && c` command up to the last `pip install`."""
    steps = command.split(" && ")
    installs = [i for i, step in enumerate(steps) if re.search(r"\bpip install\b", step)]
    assert installs, f"no pip install in {command!r}"
    return " && ".join(steps[: installs[-1] + 1])


# ---------------------------------------------------------------------------- Dockerfile


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str

    def exec_form(self) -> list[str] | None:
        return json.loads(self.args) if self.args.startswith("[") else None


@cache
def dockerfile() -> list[Instruction]:
    """Instructions in order: comments dropped, continuation lines joined."""
    instructions: list[Instruction] = []
    pending = ""
    for raw in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # Docker drops comment lines, inside a continuation too
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        instructions.append(Instruction(keyword.upper(), args.strip()))
        pending = ""
    assert not pending, "the Dockerfile ends inside a continuation line"
    return instructions


def stages() -> list[list[Instruction]]:
    """The build stages, each starting with its FROM."""
    found: list[list[Instruction]] = []
    for instruction in dockerfile():
        if instruction.keyword == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def stage_name(stage: list[Instruction]) -> str | None:
    words = stage[0].args.split()
    return words[2] if len(words) == 3 and words[1].upper() == "AS" else None


def workdir(stage: list[Instruction]) -> PurePosixPath:
    dirs = [i.args for i in stage if i.keyword == "WORKDIR"]
    assert dirs, f"stage {stage[0].args!r} has no WORKDIR"
    return PurePosixPath(dirs[-1])


def env(stage: list[Instruction]) -> dict[str, str]:
    values: dict[str, str] = {}
    for instruction in stage:
        if instruction.keyword == "ENV":
            for word in shlex.split(instruction.args):
                key, _, value = word.partition("=")
                values[key] = value
    return values


def one(stage: list[Instruction], keyword: str) -> Instruction:
    found = [i for i in stage if i.keyword == keyword]
    assert found, f"no {keyword} in the stage {stage[0].args!r}"
    return found[-1]  # the last one is the one in effect


def healthcheck_command(instruction: Instruction) -> list[str]:
    _, _, command = instruction.args.partition("CMD ")
    assert command, f"HEALTHCHECK without CMD: {instruction.args!r}"
    return json.loads(command) if command.startswith("[") else shlex.split(command)


def test_the_image_installs_exactly_as_the_readme_says() -> None:
    expected = install_part(readme_setup_commands()[0])
    assert expected.startswith("python3 -m venv .venv && ")
    builder = stages()[0]
    installs = [i.args for i in builder if i.keyword == "RUN" and "pip install" in i.args]
    assert installs == [expected]


def test_the_image_is_built_in_two_stages_at_one_path() -> None:
    builder, runtime = stages()  # exactly two FROM
    assert builder[0].args.split()[0] == runtime[0].args.split()[0], "one Python for both"
    name = stage_name(builder)
    assert name is not None
    # The editable install records the source's path: the runtime stage keeps it.
    app = str(workdir(builder))
    assert workdir(runtime) == workdir(builder)
    copies = [i.args.split() for i in runtime if i.keyword == "COPY"]
    assert [f"--from={name}", app, app] in copies


def test_the_image_runs_as_an_unprivileged_user() -> None:
    runtime = stages()[-1]
    user = one(runtime, "USER").args.split(":")[0]
    assert user not in ("", "root", "0")
    created = " ".join(i.args for i in runtime if i.keyword == "RUN")
    assert re.search(rf"useradd\b.*\b{re.escape(user)}\b", created), "the user is created"
    # The volume's mount point belongs to it (a new named volume copies its ownership).
    assert re.search(rf"chown {re.escape(user)}\S* /data\b", created)


def test_the_health_check_runs_baocao_doctor_offline() -> None:
    runtime = stages()[-1]
    command = healthcheck_command(one(runtime, "HEALTHCHECK"))
    program = PurePosixPath(command[0])
    assert program.name == "baocao"
    # The console script the install RUN created in the venv under WORKDIR.
    assert program == workdir(runtime) / ".venv" / "bin" / "baocao"
    assert command[1:] == ["doctor", "--offline"]


def test_the_image_bakes_the_reports_in_and_seeds_the_volume_with_them() -> None:
    builder, runtime = stages()
    assert any(i.keyword == "COPY" and i.args.split() == [".", "."] for i in builder)
    reports = [p for p in (ROOT / "corpus").iterdir() if p.is_file()]
    assert reports
    for path in reports:
        assert not dockerignored(path.relative_to(ROOT).as_posix())
    command = one(runtime, "CMD").exec_form()
    assert command is not None, "CMD in exec form: the bot gets SIGTERM itself"
    assert PurePosixPath(command[0]).name == "baocao"
    assert command[1] == "bot"
    seed = command[command.index("--seed-corpus") + 1]
    assert PurePosixPath(seed) == workdir(runtime) / "corpus"


def test_the_image_points_the_settings_at_its_volume(monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = stages()[-1]
    values = env(runtime)
    assert values["ANONYMIZED_TELEMETRY"] == "False"
    assert values["HF_HUB_OFFLINE"] == "1"
    volumes = json.loads(one(runtime, "VOLUME").args)
    settings = settings_from(
        monkeypatch, {k: v for k, v in values.items() if k.startswith("BAOCAO_")}
    )
    assert settings.data_dir == Path(volumes[0])
    assert settings.corpus_dir.is_relative_to(settings.data_dir), "uploads persist in the volume"


# ---------------------------------------------------------------------------- .dockerignore


def dockerignored(path: str) -> bool:
    """Whether the build context leaves `path` out (Docker's rules: a pattern matches the path
    or one of its parents, `**` any number of folders, the last matching line wins)."""
    ignored = False
    for raw in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex = "".join(
            ".*"
            if part == "**"
            else "[^/]*"
            if part == "*"
            else "[^/]"
            if part == "?"
            else re.escape(part)
            for part in re.split(r"(\*\*|\*|\?)", pattern)
        )
        parts = path.split("/")
        if any(re.fullmatch(regex, "/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            ignored = not negate
    return ignored


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".venv/bin/python",
        "data/manifest.json",
        "data/chroma/chroma.sqlite3",
        ".git/HEAD",
        "eval/reports/report.md",
        "rag/__pycache__/settings.cpython-311.pyc",
        ".pytest_cache/v/cache/lastfailed",
        ".mypy_cache/3.11/rag/settings.data.json",
        ".ruff_cache/CACHEDIR.TAG",
        ".hypothesis/examples/x",
        "baocao.egg-info/PKG-INFO",
    ],
)
def test_the_build_context_leaves_out_secrets_state_and_caches(path: str) -> None:
    assert dockerignored(path)


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "README.md",
        "rag/settings.py",
        "bot/app.py",
        "baocao/cli.py",
        "eval/gold.jsonl",
        "prompts/system.vi.md",
        "corpus/000_f2ef7d1ad17a3d94.txt",
    ],
)
def test_the_build_context_keeps_what_the_app_needs(path: str) -> None:
    assert (ROOT / path).exists()
    assert not dockerignored(path)


# ---------------------------------------------------------------------------- compose.yaml


@cache
def compose() -> dict[str, Any]:
    yaml = pytest.importorskip(
        "yaml", reason="PyYAML (a dependency of chromadb) is needed to read compose.yaml"
    )
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def environment(service: dict[str, Any]) -> dict[str, str]:
    value = service.get("environment", {})
    if isinstance(value, list):
        value = dict(item.split("=", 1) for item in value)
    return {k: str(v) for k, v in value.items()}


def settings_from(monkeypatch: pytest.MonkeyPatch, variables: dict[str, str]) -> Settings:
    """Settings read from exactly these variables (no .env, nothing inherited); each variable
    must name a field (Settings ignores unknown names, so a typo would pass unseen)."""
    for key in list(os.environ):
        if key.startswith("BAOCAO_"):
            monkeypatch.delenv(key)
    for key, value in variables.items():
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    for key, value in variables.items():
        node: Any = settings
        for part in key.removeprefix("BAOCAO_").lower().split("__"):
            assert hasattr(node, part), f"{key} is not a setting of rag.settings.Settings"
            node = getattr(node, part)
        assert str(node) == value, key
    return settings


def test_compose_runs_the_bot_against_the_chroma_service(monkeypatch: pytest.MonkeyPatch) -> None:
    services = compose()["services"]
    bot, chroma = services["bot"], services["chroma"]
    assert bot["build"] in (".", {"context": "."})
    assert "chroma" in bot["depends_on"]
    env_file = bot["env_file"]
    assert ".env" in ([env_file] if isinstance(env_file, str) else env_file)
    variables = environment(bot)
    settings = settings_from(
        monkeypatch, {k: v for k, v in variables.items() if k.startswith("BAOCAO_")}
    )
    assert settings.chroma.host == "chroma"
    assert settings.chroma.port == 8000
    # The data dir is the image's, and a volume (set here because .env could say otherwise).
    assert variables["BAOCAO_DATA_DIR"] == env(stages()[-1])["BAOCAO_DATA_DIR"]
    assert any(v.split(":")[1] == variables["BAOCAO_DATA_DIR"] for v in bot["volumes"])
    # Chroma's own check cannot use curl or python: its image has neither.
    check = " ".join(chroma["healthcheck"]["test"])
    assert "curl" not in check and "python" not in check and str(settings.chroma.port) in check
    assert any(v.endswith(":/data") for v in chroma["volumes"])
    assert environment(chroma)["ANONYMIZED_TELEMETRY"].lower() == "false"


def test_compose_chroma_server_is_the_clients_version() -> None:
    image = compose()["services"]["chroma"]["image"]
    name, _, tag = image.partition(":")
    assert name == "chromadb/chroma" and tag, "the server image is pinned"
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    client = next(Requirement(d) for d in dependencies if Requirement(d).name == "chromadb")
    assert client.specifier.contains(tag), f"{image} outside pyproject's {client}"
    assert Version(tag).release[:2] == Version(installed_version("chromadb")).release[:2]


def test_compose_ingest_is_a_one_shot_writer_on_the_bots_data() -> None:
    services = compose()["services"]
    if "ingest" not in services:
        pytest.skip("compose.yaml has no ingest service")
    ingest, bot = services["ingest"], services["bot"]
    assert "tools" in ingest["profiles"]
    assert PurePosixPath(ingest["command"][0]).name == "baocao"
    assert ingest["command"][1:] == ["ingest"]
    # The same data dir as the bot: its writer lock makes them take turns.
    assert ingest["volumes"] == bot["volumes"]
    assert environment(ingest)["BAOCAO_DATA_DIR"] == environment(bot)["BAOCAO_DATA_DIR"]


# ---------------------------------------------------------------------------- CI


def without_pip_quiet(command: str) -> list[str]:
    """The command's words, without pip's -q (it only quiets pip's output)."""
    words, in_pip = [], False
    for word in shlex.split(command):
        if word == "&&":
            in_pip = False
        elif word.endswith("/pip") or word == "pip":
            in_pip = True
        elif in_pip and word in ("-q", "--quiet"):
            continue
        words.append(word)
    return words


def test_ci_runs_the_readme_test_command() -> None:
    readme = readme_setup_commands()[1]
    assert "pytest" in readme
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip()
        for line in script.splitlines()
        if "pytest" in line and not line.lstrip().startswith("#")
    ]
    assert len(commands) == 1
    assert without_pip_quiet(commands[0]) == without_pip_quiet(readme)
    assert re.search(r'^cd "\$\(dirname "\$0"\)/\.\."$', script, re.M), "run from the root"
