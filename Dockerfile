# journey-audit in a container: Debian, Debian's Chromium, the package. See docs/nightly.md ("Docker").
#   docker build -t journey-audit .
#   docker run --rm -v "$PWD/journeys:/work/journeys:ro" -v "$PWD/results:/work/results" journey-audit run journeys/
# With no arguments the container audits the bundled demo councils (`journey-audit run`).
FROM python:3.12-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY pyproject.toml README.md ./
COPY journey_audit ./journey_audit
RUN pip install --no-cache-dir . \
 && useradd --create-home --uid 1000 audit \
 && mkdir -p /work/results && chown -R audit /work

# Chromium is found at /usr/bin/chromium; a non-root user keeps its sandbox on.
USER audit
WORKDIR /work
ENV JOURNEY_AUDIT_BROWSER=/usr/bin/chromium
RUN journey-audit --version
ENTRYPOINT ["journey-audit"]
CMD ["run"]
