# The API on the bundled offline NER model. Build: docker build -t arabic-quotes .
# With Stanza's official Arabic models baked in too (needs network at build time):
#   docker build --build-arg OFFICIAL_STANZA_MODELS=1 -t arabic-quotes .   (then run with -e NER_OFFICIAL=true)
FROM python:3.11-slim

ARG OFFICIAL_STANZA_MODELS=0
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/quotes.db \
    NER_OFFICIAL_DIR=/opt/stanza_resources

WORKDIR /srv
# CPU-only PyTorch, pinned (the default index would bring the CUDA build).
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install --no-cache-dir -e .
COPY alembic.ini ./
COPY alembic ./alembic
COPY models ./models

RUN if [ "$OFFICIAL_STANZA_MODELS" = "1" ]; then \
      python -c "import stanza; stanza.download('ar', processors='tokenize,mwt,pos,lemma,depparse,ner', model_dir='$NER_OFFICIAL_DIR')"; \
    fi

RUN mkdir -p /data
VOLUME /data
EXPOSE 8000
CMD ["sh", "-c", "alembic upgrade heads && exec uvicorn app.main:app --host 0.0.0.0 --port 8000"]
