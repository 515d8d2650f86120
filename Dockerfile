# Installs exactly as the README's first command does (venv + pip install -e .).
FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN python3 -m venv .venv && .venv/bin/pip install -e .
ENV BAOCAO_DATA_DIR=/data ANONYMIZED_TELEMETRY=False
VOLUME ["/data"]
CMD [".venv/bin/baocao", "bot"]
