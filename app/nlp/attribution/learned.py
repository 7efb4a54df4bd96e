"""Decisions learned from the annotated articles, behind one `Decider` protocol.

A decider turns a candidate's named features into a probability. The shipped deciders are
logistic regressions (weights per feature name, JSON files in `models/attribution/`, built
by `python -m training.train_attribution`); `RuleDecider` keeps the hand rules' own verdict,
so a future model (a parser, a transformer) replaces one piece without touching the rest.
"""
from __future__ import annotations

import itertools
import json
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

Features = Mapping[str, float]
MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "attribution"


class Decider(Protocol):
    threshold: float

    def probability(self, features: Features) -> float:
        """P(yes | features): this candidate is a statement, or this mention is its speaker."""
        ...


@dataclass(frozen=True)
class LinearDecider:
    """A logistic regression over sparse named features (unknown names weigh nothing)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float = 0.5
    meta: Mapping[str, object] = field(default_factory=dict)

    def probability(self, features: Features) -> float:
        # the weighted sum in C (map, not a generator): the same products added in the same order
        weights = map(self.weights.get, features.keys(), itertools.repeat(0.0))
        z = self.bias + sum(map(operator.mul, weights, features.values()))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {"bias": self.bias, "threshold": self.threshold, "meta": dict(self.meta),
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-6}}
        path.write_text(json.dumps(body, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, path: Path) -> LinearDecider:
        body = json.loads(path.read_text(encoding="utf-8"))
        return cls(body["weights"], float(body["bias"]), float(body.get("threshold", 0.5)), body.get("meta", {}))


@dataclass(frozen=True)
class RuleDecider:
    """The hand rules' verdict as it is: the `rule` feature (1 when the rules chose it)."""

    threshold: float = 0.5

    def probability(self, features: Features) -> float:
        return float(features.get("rule", 0.0))


@dataclass(frozen=True)
class Deciders:
    statement: Decider  # is this candidate a statement?
    speaker: Decider  # is this mention the statement's speaker? (the best one is chosen)
    span: Decider  # is this reading of the span the statement? (the best one is chosen)
    broad: bool  # propose the candidates the hand filters turned down too
    # (raw, calibrated) points of a monotone map from P(statement) x P(speaker) to the share of
    # such quotes that are right, read off cross-validated predictions (empty: raw as it is)
    calibration: tuple[tuple[float, float], ...] = ()

    def confidence(self, raw: float) -> float:
        points = self.calibration
        if not points:
            return round(raw, 3)
        if raw <= points[0][0]:
            return round(points[0][1], 3)
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if raw <= x1:
                return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0 or 1.0), 3)
        return round(points[-1][1], 3)


RULES = Deciders(RuleDecider(), RuleDecider(), RuleDecider(), broad=False)


@cache
def shipped(model_dir: Path = MODEL_DIR) -> Deciders:
    """The learned deciders shipped in `models/attribution/`, loaded once; the rules where absent."""
    paths = [model_dir / f"{name}.json" for name in ("statement", "speaker", "span")]
    if not all(path.exists() for path in paths):
        return RULES
    calibration = model_dir / "calibration.json"
    points = tuple(tuple(p) for p in json.loads(calibration.read_text())["points"]) if calibration.exists() else ()
    return Deciders(*(LinearDecider.from_json(path) for path in paths), broad=True, calibration=points)
