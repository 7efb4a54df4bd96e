# The two commands of README.md: `make serve` and `make test`.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
# Installed once per change of pyproject.toml (a fresh clone has no stamp, so it installs).
STAMP := .installed.stamp

.PHONY: install serve test port-free

# PyTorch first and pinned: 2.13.0 CPU build (on these machines a wheel in /opt/wheels;
# elsewhere see README). A looser requirement pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m pip install --quiet torch==2.13.0
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# A busy port is reported before the NER model loads, not after.
port-free:
	@$(PYTHON) -c "import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
	s.bind(('$(HOST)', $(PORT)))" 2>/dev/null || \
	{ echo "port $(PORT) on $(HOST) is in use: stop what holds it, or run make serve PORT=8001"; exit 1; }

serve: $(STAMP) port-free
	$(PYTHON) -m alembic upgrade heads
	$(PYTHON) -m uvicorn app.main:app --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(PYTHON) -m pytest -q
