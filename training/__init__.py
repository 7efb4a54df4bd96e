"""Reproducible training of the project's offline Arabic NER model (see docs/model-card.md)."""
