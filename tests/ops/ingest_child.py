"""What `baocao ingest` does, in a process the crash test kills: prints "ready" once its imports
are done (so the kill lands in the ingestion, not in Python's start), then "done" at the end.

    BAOCAO_DATA_DIR=... BAOCAO_CORPUS_DIR=... BAOCAO_EMBEDDING__MODEL=hashing \
        python -m tests.ops.ingest_child
"""

from __future__ import annotations

import sys

from rag.components import make_ingestor
from rag.settings import Settings


def main() -> None:
    settings = Settings()
    print("ready", flush=True)
    # As `baocao ingest` does: after a kill every stored vector must be findable.
    result = make_ingestor(settings).ingest([settings.corpus_dir], verify=True)
    if result.failures:
        sys.exit(f"failures: {result.failures}")
    print("done", flush=True)


if __name__ == "__main__":
    main()
