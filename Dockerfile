# wirediff: one uvicorn process per container; migrations run before it serves.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/wirediff.db \
    WIREDIFF_QUEUE=/data/queue.db \
    WIREDIFF_HOST=0.0.0.0 \
    WIREDIFF_PORT=8000

WORKDIR /srv/wirediff

# Dependencies in their own layer, rebuilt only when the packaging changes. The extras installed:
# --build-arg EXTRAS=postgres,semantic adds the sentence model (WIREDIFF_SEMANTIC_MEANING).
ARG EXTRAS=postgres
COPY pyproject.toml setup.py ./
RUN python -c "import os, tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
names = [e.strip() for e in os.environ['EXTRAS'].split(',') if e.strip()]; \
extras = [d for e in names for d in p['optional-dependencies'][e]]; \
print('\n'.join(p['dependencies'] + extras))" > requirements.txt \
 && pip install --no-cache-dir -r requirements.txt

# The application (its Alembic scripts ship inside the package as app.migrations).
COPY README.md alembic.ini ./
COPY migrations ./migrations
COPY app ./app
RUN pip install --no-cache-dir --no-deps . \
 && rm -rf build app migrations requirements.txt
COPY seeds ./seeds

RUN groupadd --system --gid 10001 wirediff \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin wirediff \
 && mkdir /data \
 && chown 10001:10001 /data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000

# slim has no curl: ask /livez with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('WIREDIFF_PORT', '8000') + '/livez', timeout=4)"]

CMD ["wirediff", "serve", "--migrate"]
