# The bot's image: build with `docker build -t baocao .`, run as in README "Running in production".
#
# builder: the venv, installed exactly as the README's first command installs it (an editable
# install, so the sources stay at the same path, /app, in the runtime stage).
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY . .
RUN python3 -m venv .venv && .venv/bin/pip install -e .
# The sources' bytecode, since the runtime user cannot write __pycache__ under /app.
RUN .venv/bin/python -m compileall -q rag bot baocao eval

# runtime: the app, its venv and the reports baked into /app/corpus; no compiler, no pip cache.
FROM python:3.11-slim AS runtime
RUN groupadd --gid 10001 baocao \
    && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin baocao \
    && mkdir -p /data \
    && chown baocao:baocao /data
WORKDIR /app
COPY --from=builder /app /app
# The index, the bot's records and the corpus folder (seeded from /app/corpus at first start)
# live in /data; nothing may download at run time.
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    BAOCAO_DATA_DIR=/data \
    BAOCAO_CORPUS_DIR=/data/corpus \
    ANONYMIZED_TELEMETRY=False \
    HF_HUB_OFFLINE=1
VOLUME ["/data"]
USER baocao:baocao
# Webhook mode only (BAOCAO_TELEGRAM__WEBHOOK_URL set); long polling needs no port.
EXPOSE 8443
# The first start builds the index (minutes on two cores): the start period covers it.
HEALTHCHECK --interval=60s --timeout=30s --start-period=600s --retries=3 \
    CMD ["/app/.venv/bin/baocao", "doctor", "--offline"]
CMD ["/app/.venv/bin/baocao", "bot", "--seed-corpus", "/app/corpus"]
