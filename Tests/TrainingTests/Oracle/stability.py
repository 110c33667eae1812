#!/usr/bin/env python3
"""Oracle for the Transformer stability features: post-LN blocks, QK-layernorm, the z-loss,
and the attention and output-logit statistics the monitor reads.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheels for the first run):

    python3 Tests/TrainingTests/Oracle/stability.py

Like `layers.py`, whose helpers, pins and environment (`.venv-torch/` at the package root)
it shares, the script re-executes itself inside that environment and rewrites
`stability.json` next to it, printing one summary line per case. Commit the JSON with any
change to this script: `swift test` reads it and never runs Python. Output is deterministic
(fixed seeds, sorted keys, no timestamps, one thread); `layers.json` is not touched.

What is generated: `{"cases": [...]}` in `layers.json`'s record layout and encoding (see its
docstring), all in float32:

    attention-qkln       causal self-attention with QK-layernorm, loss = sum(out * r)
    zloss                logits [2, 5, 7] (N(0, 3^2), so log Z is far from 0) with two ignored
                         targets: loss = cross_entropy + z_loss * mean(logsumexp^2)
    transformer-postln   the tiny decoder with post-LN blocks and no ln_f, cross entropy
    transformer-qkln     the pre-LN decoder with QK-layernorm in every block
    transformer-zloss    the pre-LN decoder, cross entropy + z-loss (coefficient 0.1)

`config` holds the options as numbers: `post_ln` and `qk_layernorm` (0 or 1), `z_loss` (the
coefficient). The attention case's `outputs` add `max_logit` and `entropy`; the transformer
cases' add `attn_max_logit` and `attn_entropy` (one value per block) and `mean_logz`; the
z-loss case's are `z` (the z-loss alone) and `mean_logz`.

Conventions of the reference code:
  * QK-layernorm: after the heads are split, `F.layer_norm(q, (d_head,), q_ln.weight, None,
    eps)` and the same for k with `k_ln` (a gain of width d_head shared by the heads, no
    bias, as nn.LayerNorm(d_head, bias=False)), then scores = (q @ k^T) * (1/sqrt(d_head))
    as in layers.py; QK gains are drawn as layer-norm weights, 1 + N(0, 0.1^2);
  * post-LN: per block x = ln1(x + attn(x)), x = ln2(x + fc1(gelu(fc0(x)))); logits = x @
    head^T (no final layer norm);
  * z-loss: lse = torch.logsumexp(logits, -1) over the rows whose target is not -100,
    z = lse.pow(2).mean(), loss = F.cross_entropy(...) + z_loss * z (with no ignored target
    this is `ce + coeff * logsumexp(logits, -1).pow(2).mean()`, asserted);
  * mean_logz = lse.mean() over the same rows;
  * attention statistics per layer: max_logit = the largest scaled score over the positions
    the causal mask keeps (`masked_fill(-inf).amax()`); entropy = `torch.special.entr(att)
    .sum(-1).mean()` (entr(p) = -p log p, entr(0) = 0), the mean over batch, heads and query
    positions.

Verified on every run (the script stops if a check fails):
  * transformer-postln against nn.Embedding + nn.TransformerEncoderLayer(norm_first=False,
    activation="gelu", dropout=0) + nn.Linear (logits, loss, every gradient);
  * every case's loss, gradients and statistics against the same code in float64;
  * the z-loss against the formula without a mask on a copy with no ignored target, and
    log Z against log(sum(exp(logits))) in float64;
  * the entropy against -sum(p log p) over the unmasked positions in float64.
"""

import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import layers  # noqa: E402  (layers.py: encoding, drawing, checks, pins)
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py, on the path layers.py set)

EPS = 1e-5


# ---------------------------------------------------------------------------------------
# The reference math (float32 or float64, whatever the leaves are).

def attention(x, p, prefix, heads, qk_layernorm):
    """Causal self-attention; returns (out, att, max_logit, entropy)."""
    import torch
    import torch.nn.functional as F
    batch, steps, width = x.shape
    d = width // heads
    qkv = F.linear(x, p[f"{prefix}qkv.weight"], p[f"{prefix}qkv.bias"])
    q, k, v = (qkv[..., i * width:(i + 1) * width].reshape(batch, steps, heads, d).permute(0, 2, 1, 3)
               for i in range(3))
    if qk_layernorm:
        q = F.layer_norm(q, (d,), p[f"{prefix}q_ln.weight"], None, EPS)
        k = F.layer_norm(k, (d,), p[f"{prefix}k_ln.weight"], None, EPS)
    scores = (q @ k.transpose(-2, -1)) * float(1.0 / math.sqrt(d))
    logits = scores.masked_fill(torch.ones(steps, steps, dtype=torch.bool).triu(1), float("-inf"))
    att = torch.softmax(logits, dim=-1)
    y = (att @ v).permute(0, 2, 1, 3).reshape(batch, steps, width)
    out = F.linear(y, p[f"{prefix}proj.weight"], p[f"{prefix}proj.bias"])
    return out, att, logits.amax(), torch.special.entr(att).sum(-1).mean()


def z_loss_terms(logits, targets, classes):
    """(lse over the counted rows, z = mean lse^2)."""
    import torch
    lse = torch.logsumexp(logits.reshape(-1, classes), -1)[targets.reshape(-1) != -100]
    return lse, lse.pow(2).mean()


def forward_attention(p, i, c):
    out, att, max_logit, entropy = attention(i["x"], p, "", c["heads"], c["qk_layernorm"])
    return (out * i["r"]).sum(), {"out": out, "att": att, "max_logit": max_logit, "entropy": entropy}


def forward_zloss(p, i, c):
    import torch.nn.functional as F
    logits, targets = i["x"], i["targets"]
    lse, z = z_loss_terms(logits, targets, c["classes"])
    ce = F.cross_entropy(logits.reshape(-1, c["classes"]), targets.reshape(-1), ignore_index=-100)
    return ce + c["z_loss"] * z, {"z": z, "mean_logz": lse.mean()}


def forward_transformer(p, i, c):
    import torch
    import torch.nn.functional as F
    tokens, targets = i["tokens"], i["targets"]
    steps = tokens.shape[1]
    x = F.embedding(tokens, p["tok_emb"]) + p["pos_emb"][0:steps]

    def ln(t, name):
        return F.layer_norm(t, (t.shape[-1],), p[f"{name}.weight"], p[f"{name}.bias"], EPS)

    def mlp(t, name):
        return F.linear(F.gelu(F.linear(t, p[f"{name}.fc0.weight"], p[f"{name}.fc0.bias"])),
                        p[f"{name}.fc1.weight"], p[f"{name}.fc1.bias"])

    maxes, entropies = [], []
    for b in range(c["layers"]):
        n = f"blocks.{b}"
        if c["post_ln"]:
            a, _, m, e = attention(x, p, f"{n}.attn.", c["heads"], c["qk_layernorm"])
            x = ln(x + a, f"{n}.ln1")
            x = ln(x + mlp(x, f"{n}.mlp"), f"{n}.ln2")
        else:
            a, _, m, e = attention(ln(x, f"{n}.ln1"), p, f"{n}.attn.", c["heads"], c["qk_layernorm"])
            x = x + a
            x = x + mlp(ln(x, f"{n}.ln2"), f"{n}.mlp")
        maxes.append(m)
        entropies.append(e)
    logits = F.linear(x if c["post_ln"] else ln(x, "ln_f"), p["head.weight"])
    loss = F.cross_entropy(logits.reshape(-1, c["vocab"]), targets.reshape(-1), ignore_index=-100)
    lse, z = z_loss_terms(logits, targets, c["vocab"])
    if c["z_loss"]:
        loss = loss + c["z_loss"] * z
    return loss, {"logits": logits, "attn_max_logit": torch.stack(maxes), "attn_entropy": torch.stack(entropies),
                  "mean_logz": lse.mean()}


FORWARD = {"attention": forward_attention, "zloss": forward_zloss, "transformer": forward_transformer}


# ---------------------------------------------------------------------------------------
# Cases.

def case_attention_qkln():
    seed = 20_260_201
    d = layers.Draw(seed)
    config = {"width": 8, "heads": 2, "batch": 2, "steps": 5, "qk_layernorm": 1, "seed": seed}
    params = {}
    d.linear(params, "qkv", 24, 8)
    params["q_ln.weight"], params["k_ln.weight"] = d.normal((4,), 0.1, 1.0), d.normal((4,), 0.1, 1.0)
    d.linear(params, "proj", 8, 8)
    inputs = {"x": d.normal((2, 5, 8)), "r": d.normal((2, 5, 8))}
    return "attention-qkln", "attention", config, params, inputs, ["x"]


def case_zloss():
    seed = 20_260_202
    d = layers.Draw(seed)
    config = {"classes": 7, "z_loss": 0.1, "seed": seed}
    targets = d.ints(0, 7, (2, 5))
    targets[0, 1] = targets[1, 4] = -100
    inputs = {"x": d.normal((2, 5, 7), 3.0, 1.0), "targets": targets}
    return "zloss", "zloss", config, {}, inputs, ["x"]


def case_transformer(name, seed, post_ln=0, qk_layernorm=0, z_loss=0.0):
    d = layers.Draw(seed)
    vocab, context, width, heads, count, hidden = 11, 8, 16, 2, 2, 64
    config = {"vocab": vocab, "context": context, "width": width, "heads": heads, "layers": count,
              "mlp_hidden": hidden, "eps": EPS, "batch": 2, "steps": 8, "ignore_index": -100, "seed": seed,
              "post_ln": post_ln, "qk_layernorm": qk_layernorm, "z_loss": z_loss}
    params = {"tok_emb": d.normal((vocab, width), 0.02), "pos_emb": d.normal((context, width), 0.02)}
    for b in range(count):
        d.layer_norm(params, f"blocks.{b}.ln1", width)
        d.linear(params, f"blocks.{b}.attn.qkv", 3 * width, width)
        if qk_layernorm:
            params[f"blocks.{b}.attn.q_ln.weight"] = d.normal((width // heads,), 0.1, 1.0)
            params[f"blocks.{b}.attn.k_ln.weight"] = d.normal((width // heads,), 0.1, 1.0)
        d.linear(params, f"blocks.{b}.attn.proj", width, width)
        d.layer_norm(params, f"blocks.{b}.ln2", width)
        d.linear(params, f"blocks.{b}.mlp.fc0", hidden, width)
        d.linear(params, f"blocks.{b}.mlp.fc1", width, hidden)
    if not post_ln:
        d.layer_norm(params, "ln_f", width)
    d.linear(params, "head", vocab, width, bias=False)
    tokens = d.ints(0, vocab, (2, context))
    targets = d.ints(0, vocab, (2, context))
    targets[0, 5] = -100
    return name, "transformer", config, params, {"tokens": tokens, "targets": targets}, []


# ---------------------------------------------------------------------------------------
# Running and checking.

def run(kind, config, params, inputs, grad_inputs, dtype):
    import numpy as np
    import torch
    P = {n: torch.tensor(a).to(dtype).requires_grad_() for n, a in params.items()}
    I = {n: torch.tensor(a) if a.dtype == np.int64 else torch.tensor(a).to(dtype).requires_grad_(n in grad_inputs)
         for n, a in inputs.items()}
    loss, outputs = FORWARD[kind](P, I, config)
    loss.backward()
    return P, I, loss, outputs


def check_float64(name, kind, config, params, inputs, grad_inputs, P, I, loss, outputs):
    import torch
    Q, J, loss64, outputs64 = run(kind, config, params, inputs, grad_inputs, torch.float64)
    layers.close(loss, loss64, 1e-5, f"{name} loss vs float64")
    for key in outputs:
        layers.close(outputs[key], outputs64[key], 1e-5, f"{name} {key} vs float64")
    for n in P:
        layers.close(P[n].grad, Q[n].grad, 1e-4, f"{name} grad {n} vs float64")
    for n in grad_inputs:
        layers.close(I[n].grad, J[n].grad, 1e-4, f"{name} grad {n} vs float64")
    return outputs64


def check_entropy(name, outputs64):
    """entr against -sum(p log p) over the unmasked positions, in float64."""
    import torch
    att = outputs64["att"].detach()
    steps = att.shape[-1]
    total = 0.0
    for row in att.reshape(-1, steps, steps):
        for i in range(steps):
            p = row[i, :i + 1]
            total += -(p * torch.log(p)).sum().item()
    layers.close(outputs64["entropy"], torch.tensor(total / (att.numel() / steps), dtype=torch.float64), 1e-12,
                 f"{name} entropy vs -sum p log p")


def check_zloss(config, inputs):
    """The masked z-loss is the unmasked formula when nothing is ignored; log Z is log sum exp."""
    import numpy as np
    import torch
    import torch.nn.functional as F
    logits = torch.tensor(inputs["x"])
    targets = torch.tensor(np.where(inputs["targets"] < 0, 0, inputs["targets"]))
    ce = F.cross_entropy(logits.reshape(-1, 7), targets.reshape(-1))
    ours, _ = forward_zloss({}, {"x": logits, "targets": targets}, config)
    theirs = ce + config["z_loss"] * torch.logsumexp(logits, -1).pow(2).mean()
    layers.identical(ours, theirs, "z-loss with no ignored target vs the unmasked formula")
    lse = torch.logsumexp(logits.double(), -1)
    layers.close(lse, logits.double().exp().sum(-1).log(), 1e-12, "logsumexp vs log sum exp")


def check_postln(config, params, inputs, P, loss, outputs):
    import torch
    import torch.nn.functional as F
    c = config
    embedding, position, blocks, leaves = layers.encoder_stack(c, params, norm_first=False)
    head = torch.nn.Linear(c["width"], c["vocab"], bias=False)
    leaves.update(layers.module_leaves(head, {"head.weight": "weight"}, params))
    tokens, targets = torch.tensor(inputs["tokens"]), torch.tensor(inputs["targets"])
    logits = head(layers.encoder_output(embedding, position, blocks, tokens))
    theirs = F.cross_entropy(logits.reshape(-1, c["vocab"]), targets.reshape(-1), ignore_index=-100)
    theirs.backward()
    layers.close(outputs["logits"], logits, 1e-5, "transformer-postln vs nn.TransformerEncoderLayer")
    layers.close(loss, theirs, 1e-6, "transformer-postln loss vs nn modules")
    layers.check_grads(P, {}, leaves, None, "transformer-postln vs nn modules")


def main():
    import numpy as np
    import torch
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    cases = [case_attention_qkln(), case_zloss(),
             case_transformer("transformer-postln", 20_260_203, post_ln=1),
             case_transformer("transformer-qkln", 20_260_204, qk_layernorm=1),
             case_transformer("transformer-zloss", 20_260_205, z_loss=0.1)]
    records = []
    for name, kind, config, params, inputs, grad_inputs in cases:
        P, I, loss, outputs = run(kind, config, params, inputs, grad_inputs, torch.float32)
        outputs64 = check_float64(name, kind, config, params, inputs, grad_inputs, P, I, loss, outputs)
        if kind == "attention":
            check_entropy(name, outputs64)
        elif kind == "zloss":
            check_zloss(config, inputs)
        elif config["post_ln"]:
            check_postln(config, params, inputs, P, loss, outputs)
        entry = layers.record(name, kind, config, "fp32", P, I, inputs, grad_inputs, loss, outputs)
        for tensor in list(entry["outputs"].values()) + list(entry["grads"].values()) + [entry["loss"]]:
            values = np.frombuffer(bytes.fromhex(tensor["f32"]), dtype=">u4").astype(np.uint32).view(np.float32)
            assert np.isfinite(values).all(), f"{name}: non-finite values"
        records.append(entry)
        print(f"{name:20s} {kind:12s} loss {loss.item():.9g}  {len(P)} params, {len(grad_inputs)} input grads, "
              f"outputs {', '.join(sorted(outputs))}")
    (HERE / "stability.json").write_text(layers.dumps({"cases": records}) + "\n")


if __name__ == "__main__":
    venv_bootstrap.pin_cpu_kernels()
    venv_bootstrap.ensure_environment(__file__, layers.VENV, layers.REQUIREMENTS)
    main()
