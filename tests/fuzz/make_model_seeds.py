#!/usr/bin/env python3
"""Seeds for fuzz_ModelFile, derived from a real model written by
`algoscope-cli lifegpt train --grid 4 --dim 8 --layers 1 --heads 2 --steps 1 --batch 1`
(corpus/ModelFile/tiny-4x4.safetensors): the same file with its metadata changed to absurd or
broken values, and truncated. Each must be refused with an error, never crash or allocate."""
import json, struct, pathlib

d = pathlib.Path(__file__).parent / "corpus" / "ModelFile"
raw = (d / "tiny-4x4.safetensors").read_bytes()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
body = raw[8 + n:]

def write(name, meta_changes):
    h = json.loads(json.dumps(header))
    h["__metadata__"].update(meta_changes)
    text = json.dumps(h, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    (d / name).write_bytes(struct.pack("<Q", len(text)) + text + body)

write("huge-width.safetensors", {"arch.dim": "8192", "arch.layers": "128"})
write("grid-zero.safetensors", {"lifegpt.grid": "0"})
write("grid-text.safetensors", {"lifegpt.grid": "eight"})
write("odd-heads.safetensors", {"arch.heads": "3"})
write("wrong-vocab.safetensors", {"arch.vocab": "6"})
(d / "truncated.safetensors").write_bytes(raw[: len(raw) // 2])
