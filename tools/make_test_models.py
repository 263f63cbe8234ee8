#!/usr/bin/env python3
"""Writes tiny TorchScript models shaped like CLIP and Stable Diffusion, for the tests.

They have the method signatures of the real exports (tools/export_clip.py, tools/export_sd.py)
but a few thousand random weights, so the Java loading, tokenising, scheduling and scoring code
runs on them in milliseconds. Deterministic: fixed seeds, and `python3 tools/make_test_models.py`
rewrites the same files. Needs only torch (Debian's python3-torch 1.13 is enough); the
tokenizer.json is written by hand, so the python `tokenizers` package is not needed.

    /usr/bin/python3 tools/make_test_models.py src/test/resources/models-fixture
"""
import hashlib
import json
import os
import sys

# TorchScript writes a module's constants in set order: fix the hash seed so the bytes repeat.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})

import torch  # noqa: E402
from torch import nn  # noqa: E402

CONTEXT = 8
WORDS = ["red", "green", "blue", "yellow", "apple", "tart", "hand", "table", "cat", "dog",
         "a", "on", "the", "of", "watercolor", "photo", "painting", "blurry", "ugly", "sky",
         "tree", "house", "fingers", "five", ","]
SPECIAL = ["[PAD]", "[UNK]", "<start>", "<end>"]


def tokenizer_json():
    vocab = {t: i for i, t in enumerate(SPECIAL + WORDS)}
    added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t in SPECIAL]
    start, end = vocab["<start>"], vocab["<end>"]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<start>", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "<end>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<start>", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "<end>", "type_id": 0}}],
            "special_tokens": {
                "<start>": {"id": "<start>", "ids": [start], "tokens": ["<start>"]},
                "<end>": {"id": "<end>", "ids": [end], "tokens": ["<end>"]},
            },
        },
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"},
    }


VOCAB = len(SPECIAL) + len(WORDS)


class TinyClip(nn.Module):
    """encode_image((B,3,32,32) normalised RGB) and encode_text((B,8) ids): (B,16), not normalised."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.image_proj = nn.Linear(16, 16)
        self.token = nn.Embedding(VOCAB, 16, padding_idx=0)
        self.position = nn.Parameter(torch.randn(CONTEXT, 16) * 0.1)
        self.text_proj = nn.Linear(CONTEXT * 16, 16)
        # A shared direction keeps most cosines positive, so CLIPScores are not all clipped to 0.
        self.register_buffer("shared", torch.eye(16)[0] * 1.5)

    @torch.jit.export
    def encode_image(self, image: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv1(image))
        x = torch.relu(self.conv2(x))
        x = x.mean(dim=[2, 3])
        return self.image_proj(x) + self.shared

    @torch.jit.export
    def encode_text(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.token(ids) + self.position
        return self.text_proj(x.reshape(x.shape[0], -1)) + self.shared

    def forward(self, image: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
        return self.encode_image(image) @ self.encode_text(ids).t()


class TinyTextEncoder(nn.Module):
    """forward((B,8) ids) -> (B,8,12) hidden states, like CLIPTextModel's last_hidden_state."""

    def __init__(self):
        super().__init__()
        self.token = nn.Embedding(VOCAB, 12, padding_idx=0)
        self.position = nn.Parameter(torch.randn(CONTEXT, 12) * 0.1)
        self.mix = nn.Linear(12, 12)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.mix(self.token(ids) + self.position))


class TinyUnet(nn.Module):
    """forward(sample (B,4,4,4), timestep (B,) float, encoder_hidden_states (B,8,12)) -> noise (B,4,4,4)."""

    def __init__(self):
        super().__init__()
        self.conv_in = nn.Conv2d(4, 16, 3, padding=1)
        self.time = nn.Linear(2, 16)
        self.text = nn.Linear(12, 16)
        self.conv_out = nn.Conv2d(16, 4, 3, padding=1)

    def forward(self, sample: torch.Tensor, timestep: torch.Tensor, encoder_hidden_states: torch.Tensor) -> torch.Tensor:
        t = timestep.reshape(-1, 1).to(sample.dtype) / 1000.0
        t = torch.cat([torch.sin(t * 3.0), torch.cos(t * 3.0)], dim=1)
        h = self.conv_in(sample) + self.time(t)[:, :, None, None]
        h = h + self.text(encoder_hidden_states.mean(dim=1))[:, :, None, None]
        return self.conv_out(torch.relu(h))


class TinyVaeDecoder(nn.Module):
    """forward(latent (B,4,4,4), already divided by the scale) -> image (B,3,32,32) in [-1, 1]."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 12, 3, padding=1)
        self.out = nn.Conv2d(12, 3, 3, padding=1)

    def forward(self, latent: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv(latent))
        x = nn.functional.interpolate(x, scale_factor=8.0, mode="nearest")
        return torch.tanh(self.out(x))


def save(module, path):
    module.eval()
    for p in module.parameters():
        p.requires_grad_(False)
    torch.jit.save(torch.jit.script(module), path)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def main(out):
    torch.manual_seed(11)
    clip_dir = os.path.join(out, "tiny-clip")
    sd_dir = os.path.join(out, "tiny-sd")
    os.makedirs(clip_dir, exist_ok=True)
    os.makedirs(sd_dir, exist_ok=True)
    for d in (clip_dir, sd_dir):
        write_json(os.path.join(d, "tokenizer.json"), tokenizer_json())

    save(TinyClip(), os.path.join(clip_dir, "clip.pt"))
    write_json(os.path.join(clip_dir, "model.json"), {
        "kind": "checker",
        "format": "clip-torchscript",
        "name": "Tiny CLIP-shaped checker (test fixture)",
        "licence": "test fixture, random weights, no licence restrictions",
        "device": "cpu",
        "inputSize": 32,
        "contextLength": CONTEXT,
        "padId": 0,
        "mean": [0.48145466, 0.4578275, 0.40821073],
        "std": [0.26862954, 0.26130258, 0.27577711],
        "files": {"model": "clip.pt", "tokenizer": "tokenizer.json"},
        "sha256": {f: sha256(os.path.join(clip_dir, f)) for f in ("clip.pt", "tokenizer.json")},
    })

    save(TinyTextEncoder(), os.path.join(sd_dir, "text_encoder.pt"))
    save(TinyUnet(), os.path.join(sd_dir, "unet.pt"))
    save(TinyVaeDecoder(), os.path.join(sd_dir, "vae_decoder.pt"))
    files = ("text_encoder.pt", "unet.pt", "vae_decoder.pt", "tokenizer.json")
    write_json(os.path.join(sd_dir, "model.json"), {
        "kind": "generator",
        "format": "sd-torchscript",
        "name": "Tiny diffusion-shaped generator (test fixture)",
        "licence": "test fixture, random weights, no licence restrictions",
        "device": "cpu",
        "inputSize": 32,
        "contextLength": CONTEXT,
        "padId": 0,
        "latentChannels": 4,
        "latentSize": 4,
        "latentScale": 0.18215,
        "guidance": 7.5,
        "scheduler": "ddim",
        "trainTimesteps": 1000,
        "betaStart": 0.00085,
        "betaEnd": 0.012,
        "files": {"textEncoder": "text_encoder.pt", "unet": "unet.pt", "vaeDecoder": "vae_decoder.pt",
                  "tokenizer": "tokenizer.json"},
        "sha256": {f: sha256(os.path.join(sd_dir, f)) for f in files},
    })


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/models-fixture")
