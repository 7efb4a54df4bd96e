"""Copy a trained NER model and its pretrain into a model directory, stored compactly.

    python -m training.package --model training/work/ner/model/ar_project_nertagger.pt \
        --pretrain training/work/vectors/ar_news.pretrain.pt --output models/ner

The model's float32 weights are stored as float16 (Stanza casts them back when it loads
them), which halves the file; the predictions do not change measurably.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import torch

from app.nlp.ner import CHARLM_FILES

MODEL_NAME = "ar_project_nertagger.pt"
PRETRAIN_NAME = "ar_project.pretrain.pt"


def compact_model(source: Path, target: Path) -> None:
    checkpoint = torch.load(source, map_location="cpu", weights_only=True)
    checkpoint["model"] = {name: tensor.half() if tensor.dtype == torch.float32 else tensor
                           for name, tensor in checkpoint["model"].items()}
    torch.save(checkpoint, target, _use_new_zipfile_serialization=False)


def package(model: Path, pretrain: Path | None, output: Path, charlms: tuple[Path, Path] | None = None) -> Path:
    """The model, its pretrain and (if it was trained with them) its two charlms, under the
    names `app.nlp.ner` loads."""
    output.mkdir(parents=True, exist_ok=True)
    compact_model(model, output / MODEL_NAME)
    if pretrain is not None:
        shutil.copy(pretrain, output / PRETRAIN_NAME)
    for source, name in zip(charlms or (), CHARLM_FILES, strict=False):
        shutil.copy(source, output / name)
    return output / MODEL_NAME


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Store a trained NER model compactly in a model directory.")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--pretrain", type=Path, default=None)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--charlm-forward", type=Path, default=None)
    parser.add_argument("--charlm-backward", type=Path, default=None)
    args = parser.parse_args(argv)
    charlms = (args.charlm_forward, args.charlm_backward) if args.charlm_forward and args.charlm_backward else None
    print(package(args.model, args.pretrain, args.output, charlms))


if __name__ == "__main__":
    main()
