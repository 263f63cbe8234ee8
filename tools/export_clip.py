#!/usr/bin/env python3
"""Exports an open_clip CLIP as a workbench checker folder (run where you have torch, open_clip
and transformers, and internet for the first download; the workbench itself never downloads).

    pip install torch open_clip_torch transformers
    python tools/export_clip.py models/clip-vit-b-32 [--device cuda]

Writes clip.pt (one TorchScript module with encode_image(pixels) and encode_text(ids)),
tokenizer.json (CLIP's BPE, Hugging Face format) and model.json with each file's sha256.
Trace on the device the model will run on; set "device" in model.json to match.
"""
import argparse
import hashlib
import json
import os

import open_clip
import torch
from transformers import CLIPTokenizerFast

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--arch", default="ViT-B-32")
p.add_argument("--pretrained", default="laion2b_s34b_b79k")
p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)

model, _, _ = open_clip.create_model_and_transforms(a.arch, pretrained=a.pretrained, device=a.device)
model.eval()
size = model.visual.image_size[0] if isinstance(model.visual.image_size, tuple) else model.visual.image_size
image = torch.rand(2, 3, size, size, device=a.device)
ids = open_clip.get_tokenizer(a.arch)(["a photo of a cat", "a dog"]).to(a.device)
with torch.no_grad():
    traced = torch.jit.trace_module(model, {"encode_image": (image,), "encode_text": (ids,)})
traced.save(os.path.join(a.out, "clip.pt"))
# open_clip's tokenizer is OpenAI's BPE, the same as this one; it pads with 0 and pools at <|endoftext|>.
CLIPTokenizerFast.from_pretrained("openai/clip-vit-base-patch32").backend_tokenizer.save(os.path.join(a.out, "tokenizer.json"))


def sha256(name):
    with open(os.path.join(a.out, name), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


with open(os.path.join(a.out, "model.json"), "w") as f:
    json.dump({
        "kind": "checker", "format": "clip-torchscript",
        "name": f"CLIP {a.arch} ({a.pretrained})",
        "licence": "open_clip weights: see the model card of the pretrained tag (LAION: MIT)",
        "device": "gpu" if a.device == "cuda" else "cpu",
        "inputSize": size, "contextLength": 77, "padId": 0,
        "mean": list(open_clip.OPENAI_DATASET_MEAN), "std": list(open_clip.OPENAI_DATASET_STD),
        "files": {"model": "clip.pt", "tokenizer": "tokenizer.json"},
        "sha256": {n: sha256(n) for n in ("clip.pt", "tokenizer.json")},
    }, f, indent=2)
