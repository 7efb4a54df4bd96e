"""What an attribution change does to real news: the quotes that differ from another commit's.

    python scripts/attribution_diff.py [--base HEAD] [--articles ../shared/news/articles.jsonl]

The articles are tagged once by the bundled NER model (cached beside the system's temp files,
keyed by the articles' content), then attributed by this tree's `analyze_tagged` and by the
base commit's (exported to a temporary directory). Prints every quote only one side has
(type, speaker, cue, statement) and a count, so a rule can be read against what it changes.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATTRIBUTE = """
import pickle, sys
from app.nlp.pipeline import analyze_tagged
texts, entities = pickle.load(open(sys.argv[1], "rb"))
out = [[(q.start, q.end, q.type, q.speaker.name, q.cue) for q in analyze_tagged(t, e).quotes]
       for t, e in zip(texts, entities)]
pickle.dump(out, open(sys.argv[2], "wb"))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="HEAD", help="commit to compare with (default: HEAD)")
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "news" / "articles.jsonl")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.articles.open(encoding="utf-8") if line.strip()]
    tagged = tagged_articles(texts)
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = Path(tmp) / "base"
        base_tree.mkdir()
        archive = subprocess.run(["git", "archive", args.base, "app"], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(base_tree)], input=archive.stdout, check=True)
        before = attribute(base_tree, tagged, Path(tmp) / "before.pkl")
        after = attribute(ROOT, tagged, Path(tmp) / "after.pkl")
    changed = 0
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if set(old) == set(new):
            continue
        changed += 1
        for sign, quotes in (("-", sorted(set(old) - set(new))), ("+", sorted(set(new) - set(old)))):
            for start, end, kind, speaker, cue in quotes:
                print(f"{index} {sign} {kind} {speaker} [{cue}] | {texts[index][start:end][:100]}")
    print(f"articles changed: {changed} of {len(texts)}; quotes {sum(map(len, before))} -> {sum(map(len, after))}")


def tagged_articles(texts: list[str]) -> Path:
    """The articles with their entities, tagged once per distinct article set."""
    key = hashlib.sha256("\n\x00".join(texts).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"attribution_diff_{key}.pkl"
    if not cache.exists():
        sys.path.insert(0, str(ROOT))
        from app.config import Settings
        from app.main import load_pipeline

        entities = load_pipeline(Settings()).entities_many(texts)
        with cache.open("wb") as f:
            pickle.dump((texts, entities), f)
    return cache


def attribute(tree: Path, tagged: Path, out: Path) -> list[list[tuple]]:
    subprocess.run([sys.executable, "-c", ATTRIBUTE, str(tagged), str(out)], cwd=tree, check=True)
    with out.open("rb") as f:
        return pickle.load(f)


if __name__ == "__main__":
    main()
