"""The NLP stage: texts in, frozen dataclasses out.

Nothing here imports FastAPI or SQLModel, so the same code runs in the API, a worker
and the batch CLI, and is unit-tested without a server.
"""
