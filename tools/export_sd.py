#!/usr/bin/env python3
"""Exports Stable Diffusion 1.x from diffusers as a workbench generator folder (run where you
have torch, diffusers and transformers, and internet for the first download; accept the
model's licence on Hugging Face first).

    pip install torch diffusers transformers
    python tools/export_sd.py models/sd-1-5 [--device cuda]

Writes text_encoder.pt (ids -> last hidden states), unet.pt (latent, timestep, hidden states ->
predicted noise), vae_decoder.pt (latent / 0.18215 -> image in [-1, 1]), tokenizer.json and
model.json with each file's sha256. The sampler (DDIM) runs in the workbench, in Java.
Trace on the device the model will run on; set "device" in model.json to match.
"""
import argparse
import hashlib
import json
import os

import torch
from diffusers import StableDiffusionPipeline
from transformers import CLIPTokenizerFast

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--repo", default="stable-diffusion-v1-5/stable-diffusion-v1-5")
p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
pipe = StableDiffusionPipeline.from_pretrained(a.repo, torch_dtype=torch.float32).to(a.device)


class TextEncoder(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, ids):
        return self.m(ids, return_dict=False)[0]


class Unet(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, sample, timestep, hidden):
        return self.m(sample, timestep, encoder_hidden_states=hidden, return_dict=False)[0]


class VaeDecoder(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, latent):
        return self.m.decode(latent, return_dict=False)[0]


d = a.device
ids = pipe.tokenizer(["a photo", ""], padding="max_length", max_length=77, return_tensors="pt").input_ids.to(d)
with torch.no_grad():
    hidden = pipe.text_encoder(ids)[0]
    latent = torch.randn(2, 4, 64, 64, device=d)
    parts = {
        "text_encoder.pt": torch.jit.trace(TextEncoder(pipe.text_encoder).eval(), (ids,)),
        # Two rows: the workbench sends the negative and the positive conditioning in one batch.
        "unet.pt": torch.jit.trace(Unet(pipe.unet).eval(), (latent, torch.tensor([981.0, 981.0], device=d), hidden)),
        "vae_decoder.pt": torch.jit.trace(VaeDecoder(pipe.vae).eval(), (latent,)),
    }
for name, module in parts.items():
    module.save(os.path.join(a.out, name))
CLIPTokenizerFast.from_pretrained(a.repo, subfolder="tokenizer").backend_tokenizer.save(os.path.join(a.out, "tokenizer.json"))


def sha256(name):
    with open(os.path.join(a.out, name), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


s = pipe.scheduler.config
with open(os.path.join(a.out, "model.json"), "w") as f:
    json.dump({
        "kind": "generator", "format": "sd-torchscript", "name": a.repo.split("/")[-1],
        "licence": "CreativeML OpenRAIL-M: read it before use",
        "device": "gpu" if d == "cuda" else "cpu",
        "inputSize": 512, "contextLength": 77, "padId": pipe.tokenizer.pad_token_id,
        "latentChannels": 4, "latentSize": 64, "latentScale": pipe.vae.config.scaling_factor,
        "guidance": 7.5, "scheduler": "ddim", "trainTimesteps": s.num_train_timesteps,
        "betaStart": s.beta_start, "betaEnd": s.beta_end,
        "files": {"textEncoder": "text_encoder.pt", "unet": "unet.pt", "vaeDecoder": "vae_decoder.pt",
                  "tokenizer": "tokenizer.json"},
        "sha256": {n: sha256(n) for n in (*parts, "tokenizer.json")},
    }, f, indent=2)
