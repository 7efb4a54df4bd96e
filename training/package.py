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

MODEL_NAME = "ar_project_nertagger.pt"
PRETRAIN_NAME = "ar_project.pretrain.pt"


def compact_model(source: Path, target: Path) -> None:
    checkpoint = torch.load(source, map_location="cpu", weights_only=True)
    checkpoint["model"] = {name: tensor.half() if tensor.dtype == torch.float32 else tensor
                           for name, tensor in checkpoint["model"].items()}
    torch.save(checkpoint, target, _use_new_zipfile_serialization=False)


def package(model: Path, pretrain: Path | None, output: Path) -> Path:
    output.mkdir(parents=True, exist_ok=True)
    compact_model(model, output / MODEL_NAME)
    if pretrain is not None:
        shutil.copy(pretrain, output / PRETRAIN_NAME)
    return output / MODEL_NAME


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Store a trained NER model compactly in a model directory.")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--pretrain", type=Path, default=None)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    print(package(args.model, args.pretrain, args.output))


if __name__ == "__main__":
    main()
