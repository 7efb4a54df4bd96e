# The two commands of README.md: `make serve` and `make test`.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install serve test

# PyTorch first and pinned: 2.13.0 CPU build (on these machines a wheel in /opt/wheels;
# elsewhere see README). A looser requirement pulls a multi-GB CUDA build.
install:
	$(PYTHON) -m pip install --quiet torch==2.13.0
	$(PYTHON) -m pip install --quiet -e '.[dev]'

serve: install
	$(PYTHON) -m alembic upgrade heads
	$(PYTHON) -m uvicorn app.main:app --host $(HOST) --port $(PORT)

test: install
	$(PYTHON) -m pytest -q
