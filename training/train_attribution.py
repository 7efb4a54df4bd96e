"""Learn the attribution deciders from the annotated articles, and measure them honestly.

    python -m training.train_attribution --cv            # leave-one-outlet-out over train + dev
    python -m training.train_attribution --cv --curve    # and the learning curve (25/50/100 %)
    python -m training.train_attribution                 # fit on all and write models/attribution/

Two logistic regressions (scikit-learn, weights written as JSON so the service needs no
scikit-learn): the statement decider (is a candidate a statement of the gold?) and the
speaker decider (is an option the gold speaker?). The statement threshold is chosen inside
the training articles by grouped cross-validation, never on the articles scored.
Everything is deterministic: the same gold files give the same model files.
"""
from __future__ import annotations

import argparse
import functools
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from app.evaluate import calibration, load_scorer, outcomes, prediction_row
from app.nlp.attribution import RULES, History, decide, prepare, propose
from app.nlp.attribution.learned import MODEL_DIR, Deciders, LinearDecider
from app.nlp.attribution.mentions import PREVIOUS_OPTIONS, speaker_options
from app.nlp.attribution.spans import span_options
from app.nlp.types import Analysis
from training.attribution_data import SHARED, Article, load_articles

@functools.cache
def scorer():
    """The shared score.py, loaded once when first needed (importing this module needs no ../shared)."""
    return load_scorer(SHARED / "eval" / "score.py")


MATCH = 0.5  # the scorer's span overlap for a match
NEAR_BEST = 0.003  # statement F1 within this of the best counts as as good (the threshold's plateau)
C_STATEMENT, C_SPEAKER = 0.25, 0.2  # inverse L2 strength, chosen by cross-validation (docs/attribution.md)


def gold_spans(article: Article) -> list[tuple[int, int]]:
    return [(q["start"], q["end"]) for q in article.quotes]


def examples(article: Article) -> dict[str, list]:
    """An article's examples for each decider: statements (features, is it a gold statement),
    and for the statements that are, their span readings and speaker options (statement
    number, features, is it right)."""
    out: dict[str, list] = {"statement": [], "span": [], "speaker": []}
    prepared = prepare(article.text, article.sentences, article.entities)
    if prepared is None:
        return out
    doc, resolver = prepared
    proposals = propose(doc, resolver, broad=True)
    history = History(proposals)  # the speakers before each statement, indexed once
    spans = gold_spans(article)
    for n, p in enumerate(sorted(proposals, key=lambda p: p.candidate.start)):
        readings = span_options(doc, p.candidate)
        overlap = scorer().overlap
        overlaps = [max(((overlap(g, (o.candidate.start, o.candidate.end)), k) for k, g in enumerate(spans)),
                        default=(0.0, -1)) for o in readings]
        best = max(ov for ov, _ in overlaps)
        # a statement as the scorer sees it: the span as found must match (the span ranker
        # rarely moves it, so a label on any reading would teach the decider spans it misses)
        out["statement"].append((p.features, int(overlaps[0][0] >= MATCH)))
        if best < MATCH:
            continue
        for o, (ov, _) in zip(readings, overlaps, strict=True):
            out["span"].append((n, o.features, int(ov >= MATCH and ov >= best - 1e-9)))
        gold = article.quotes[overlaps[0][1]] if overlaps[0][0] >= MATCH else article.quotes[max(overlaps)[1]]
        options = speaker_options(doc, resolver, p.candidate, p.rule, history.before(p, PREVIOUS_OPTIONS))
        rights = [bool(scorer().speaker_right(gold, o.speaker.name)) for o in options]
        # the scorer accepts a name holding the gold one; a ranker must prefer the clean name
        # (سامي العلي, not الوزير سامي العلي): only the shortest right options are positives
        shortest = min((len(o.speaker.name.split()) for o, r in zip(options, rights) if r), default=0)
        for o, right in zip(options, rights, strict=True):
            out["speaker"].append((n, o.features, int(right and len(o.speaker.name.split()) == shortest)))
    return out


def _fit(rows: Sequence[tuple[dict, int]], c: float, intercept: bool = True):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs", fit_intercept=intercept)
    model.fit(x, y)
    weights = dict(zip(vec.get_feature_names_out(), model.coef_[0].tolist(), strict=True))
    return weights, float(model.intercept_[0])


def _by_statement(rows: Sequence[tuple[int, dict, int]]) -> list[list[tuple[dict, int]]]:
    groups: dict[int, list[tuple[dict, int]]] = {}
    for n, f, y in rows:
        groups.setdefault(n, []).append((f, y))
    return [g for g in groups.values() if any(y for _, y in g) and not all(y for _, y in g)]


def _fit_ranker(groups: Sequence[list[tuple[dict, int]]], c: float) -> dict[str, float]:
    """A linear ranker learned from pairs (a right option against a wrong one of the same
    statement): logistic regression on feature differences, both orders, no intercept."""
    rows: list[tuple[dict, int]] = []
    for group in groups:
        for fr, yr in group:
            for fw, yw in group:
                if yr and not yw:
                    diff = {k: fr.get(k, 0.0) - fw.get(k, 0.0) for k in fr.keys() | fw.keys()}
                    rows.append((diff, 1))
                    rows.append(({k: -v for k, v in diff.items()}, 0))
    weights, _ = _fit(rows, c, intercept=False)
    return weights


def _threshold(per_article: Sequence[list[tuple[dict, int]]], c: float) -> float:
    """The statement threshold that maximises F1 on out-of-fold predictions of 5 article groups."""
    scored: list[tuple[float, int]] = []
    for fold in range(5):
        train = [r for n, rows in enumerate(per_article) if n % 5 != fold for r in rows]
        test = [r for n, rows in enumerate(per_article) if n % 5 == fold for r in rows]
        if not train or not test or len({y for _, y in train}) < 2:
            continue
        w, b = _fit(train, c)
        model = LinearDecider(w, b)
        scored += [(model.probability(f), y) for f, y in test]
    positives = sum(y for _, y in scored)
    f1s = {}
    for t in [x / 100 for x in range(20, 81, 2)]:
        tp = sum(1 for p, y in scored if p >= t and y)
        fp = sum(1 for p, y in scored if p >= t and not y)
        f1s[t] = 2 * tp / (2 * tp + fp + (positives - tp)) if positives else 0.0
    return plateau_middle(f1s)


def plateau_middle(f1s: dict[float, float]) -> float:
    """F1 is flat near its best: the middle of the thresholds within NEAR_BEST of it moves less
    from one set of articles to the next than the single best point (0.38 to 0.50 across the
    folds, against 0.42 to 0.48)."""
    best_f1 = max(f1s.values())
    near = sorted(t for t, f1 in f1s.items() if f1 >= best_f1 - NEAR_BEST)
    return near[len(near) // 2]


def fit(articles: Sequence[Article], cache: dict[str, dict] | None = None) -> Deciders:
    """Both deciders learned from these articles."""
    per_article = [(cache or {}).get(a.id) or examples(a) for a in articles]
    statement_rows = [r for ex in per_article for r in ex["statement"]]
    w, b = _fit(statement_rows, C_STATEMENT)
    threshold = _threshold([ex["statement"] for ex in per_article], C_STATEMENT)
    statement = LinearDecider(w, b, threshold, {"examples": len(statement_rows), "articles": len(articles)})
    rankers = []
    for name in ("speaker", "span"):
        groups = [rows for ex in per_article for rows in _by_statement(ex[name])]
        rankers.append(LinearDecider(_fit_ranker(groups, C_SPEAKER), 0.0, 0.0,
                                     {"statements": len(groups), "articles": len(articles), "ranker": True}))
    return Deciders(statement, *rankers, broad=True)


def predict(articles: Sequence[Article], deciders: Deciders) -> list[dict]:
    rows = []
    for a in articles:
        prepared = prepare(a.text, a.sentences, a.entities)
        quotes = decide(*prepared, propose(*prepared, broad=deciders.broad), deciders) if prepared else []
        rows.append(prediction_row(a.id, Analysis(a.text, a.sentences, a.entities, tuple(quotes))))
    return rows


def cross_validate(articles: Sequence[Article], share: float = 1.0,
                   cache: dict[str, dict] | None = None) -> list[dict]:
    """Leave one outlet out: learn on the others (a share of their articles), predict it."""
    cache = cache or {a.id: examples(a) for a in articles}
    preds: list[dict] = []
    for outlet in sorted({a.outlet for a in articles}):
        train = [a for a in articles if a.outlet != outlet]
        if share < 1.0:
            train = random.Random(0).sample(train, max(1, round(len(train) * share)))
        preds += predict([a for a in articles if a.outlet == outlet], fit(train, cache))
    return preds


def fit_calibration(pairs: Sequence[tuple[float, bool]], points: int = 20) -> tuple[tuple[float, float], ...]:
    """A monotone map from raw confidence to the share of right quotes (isotonic regression),
    kept as at most `points` (raw, calibrated) points for linear interpolation."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit([x for x, _ in pairs], [float(y) for _, y in pairs])
    xs = sorted({round(x, 3) for x in iso.X_thresholds_})
    if len(xs) > points:
        xs = [xs[round(k * (len(xs) - 1) / (points - 1))] for k in range(points)]
    return tuple((x, round(float(iso.predict([x])[0]), 4)) for x in xs)


def recalibrate(gold: Sequence[dict], preds: list[dict], outlet_of: dict[str, str]) -> list[dict]:
    """Cross-validated predictions with each outlet's confidences mapped by a calibration
    learned on the other outlets' predictions (what the shipped map does to unseen news)."""
    out = []
    for outlet in sorted(set(outlet_of.values())):
        others = [p for p in preds if outlet_of[p["id"]] != outlet]
        known = [g for g in gold if outlet_of[g["id"]] != outlet]
        points = fit_calibration(outcomes(known, others, scorer(), MATCH))
        mapper = Deciders(RULES.statement, RULES.speaker, RULES.span, True, points)
        for p in preds:
            if outlet_of[p["id"]] == outlet:
                out.append({**p, "quotes": [{**q, "confidence": mapper.confidence(q["confidence"])} for q in p["quotes"]]})
    return out


def _figures(gold: Sequence[dict], preds: Sequence[dict]) -> dict:
    result = scorer().score(list(gold), list(preds), MATCH, False)
    return {k: v for k, v in result.items() if not isinstance(v, (dict, list))} | \
        {"recall_by_type": result.get("recall_by_type")}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="leave-one-outlet-out figures instead of fitting")
    ap.add_argument("--curve", action="store_true", help="with --cv: the learning curve at 25/50/100 %%")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model files")
    ap.add_argument("--predictions", type=Path, help="with --cv: write the pooled predictions here")
    args = ap.parse_args(argv)

    articles = load_articles()
    gold = [{"id": a.id, "text": a.text, "quotes": list(a.quotes)} for a in articles]
    cache = {a.id: examples(a) for a in articles}  # each article's examples, built once for every fit
    dev_ids = {json.loads(line)["id"] for line in (SHARED / "eval" / "dev.jsonl").open(encoding="utf-8")}
    if args.cv:
        report: dict = {"rules (no learning)": _figures(gold, predict(articles, RULES))}
        shares = (0.25, 0.5, 1.0) if args.curve else (1.0,)
        for share in shares:
            preds = cross_validate(articles, share, cache)
            report[f"cv leave-one-outlet-out, {int(share * 100)} % of training articles"] = _figures(gold, preds)
        report["cv, dev articles only"] = _figures([g for g in gold if g["id"] in dev_ids],
                                                   [p for p in preds if p["id"] in dev_ids])
        report["cv reliability, raw P(statement) x P(speaker)"] = calibration(gold, preds, scorer(), MATCH)
        outlet_of = {a.id: a.outlet for a in articles}
        report["cv reliability, calibrated on the other outlets"] = calibration(
            gold, recalibrate(gold, preds, outlet_of), scorer(), MATCH)
        if args.predictions:
            args.predictions.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds),
                                        encoding="utf-8")
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    deciders = fit(articles, cache)
    points = fit_calibration(outcomes(gold, cross_validate(articles, cache=cache), scorer(), MATCH))
    (args.out / "calibration.json").parent.mkdir(parents=True, exist_ok=True)
    (args.out / "calibration.json").write_text(json.dumps({"points": points}) + "\n", encoding="utf-8")
    deciders.statement.to_json(args.out / "statement.json")
    deciders.speaker.to_json(args.out / "speaker.json")
    deciders.span.to_json(args.out / "span.json")
    print(f"wrote {args.out}/statement.json, speaker.json, span.json and calibration.json "
          f"(statement threshold {deciders.statement.threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
