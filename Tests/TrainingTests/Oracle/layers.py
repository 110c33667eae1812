#!/usr/bin/env python3
"""Oracle for the Training module: what PyTorch says the layers, losses and gradients are.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheels for the first run):

    python3 Tests/TrainingTests/Oracle/layers.py

The first run creates `.venv-torch/` at the package root (git-ignored) and installs the
pinned torch and numpy below into it (pip finds the CPU torch wheel through its configured
find-links); later runs reuse it. The script then re-executes itself inside that environment
and rewrites `layers.json` next to it, printing one summary line per case.

Commit the JSON together with any change to this script: `swift test` reads the JSON and
never runs Python. Output is deterministic (fixed seeds, sorted keys, no timestamps,
`torch.set_num_threads(1)`, deterministic algorithms, and PyTorch's AVX2 kernels on every
x86-64 machine: `venv_bootstrap.pin_cpu_kernels`), so re-running with the same pinned
versions on any x86-64 machine with AVX2 must leave the file byte-for-byte unchanged.

What is generated: `{"cases": [...]}`, one record per case, in a fixed order:

    linear                    y = x W^T + b, mean squared error against `target`
    mlp-tanh/-relu/-gelu      [4, 16, 16, 3], activation after all but the last layer, cross entropy
    rnn                       Elman tanh RNN (as torch.nn.RNN), linear readout of the last state, MSE
    layernorm                 F.layer_norm over the last axis, loss = sum(y * r)
    attention                 multi-head causal self-attention, loss = sum(out * r)
    transformer-fp32          tiny pre-LN decoder, cross entropy with one ignored (-100) target
    transformer-autocast-bf16 the same weights, CUDA-autocast casting written out by hand
    transformer-autocast-fp16 the same, to float16
    transformer-pure-fp16     every parameter .half(), the whole computation in float16 on CPU
    transformer-pure-bf16     the same in bfloat16

Each record holds `name`, `kind` (the architecture: linear, mlp-tanh, mlp-relu, mlp-gelu, rnn,
layernorm, attention, transformer), `config` (numbers only: sizes, eps, the case's seed),
`policy` (fp32, autocast-bf16, autocast-fp16, pure-fp16, pure-bf16), `params`, `inputs`,
`outputs`, `loss`, and `grads`: the gradient of the loss with respect to every parameter and
to the network input `x` where there is one (not to loss-only inputs `target` and `r`). For
the low-precision policies every tensor is stored as the float32 value of what PyTorch
computed or used (the conversion is exact): pure-* parameters are the .half()/.bfloat16()
values of the same draws, and their gradients are the low-precision .grad values.

Encoding conventions in the JSON:
  * a float tensor is `{"shape": [...], "f32": hex}`: its float32 values in row-major (C)
    order, each stored as its bit pattern, 8 lowercase hex digits, concatenated into one
    string; a scalar (the loss) has shape [];
  * an integer tensor (token ids, class targets) is `{"shape": [...], "ints": [...]}`, a flat
    row-major JSON list.

Weights and inputs are drawn with numpy's `np.random.default_rng(seed)` (standard normals,
scaled, converted to float32, in the order the case functions list them), never with torch's
generator. Linear weights are N(0, 1)/sqrt(fan_in), biases N(0, 0.1^2), LayerNorm weights
1 + N(0, 0.1^2), embeddings N(0, 0.02^2), so no parameter is trivially 0 or 1.

Conventions of the reference code (all written with explicit torch functional ops):
  * attention: scores = (q @ k^T) * s with s = 1/sqrt(d_head) computed in float64 and passed
    as a Python float; PyTorch converts that scalar to float32 and multiplies in float32
    (also for float16/bfloat16 tensors, then rounds the product once); masked_fill(-inf)
    above the diagonal, softmax over the last axis;
  * transformer: x = tok_emb[tokens] + pos_emb[0:T]; per block x = x + attn(ln1(x)),
    x = x + fc1(gelu(fc0(ln2(x)))) with exact (erf) GELU; logits = ln_f(x) @ head^T;
    loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1)), mean over the
    non-ignored targets. The transformer records also hold `block0_ln1` and `block0_attn`
    (block 0's ln1 output and its attention output after proj) to localize a mismatch.
  * autocast-* (manual casting following the CUDA autocast op lists in the torch.amp docs):
    every linear and matmul casts its inputs and bias to the low dtype and returns the low
    dtype; layer_norm, softmax and cross_entropy get float32 inputs (`.float()`) and return
    float32; elementwise ops (residual adds, the scale, masked_fill, GELU) run in the widest
    input dtype, so a float32 residual plus a low-precision branch is float32. Embedding
    lookups read the float32 tables. Parameters stay float32 leaves, so their .grad is
    float32 (the values are exactly representable in the low dtype of the cast they feed).

Found on this CPU (x86-64, AVX2, no AVX-512/AMX; torch 2.13.0+cpu, one thread), and asserted by
`check_low_precision_cpu` on every run: float16 and bfloat16 matmul/F.linear are available and
accumulate in float32, rounding once at the end, bias included: a dot product of 4096 ones
gives exactly 4096 (a float16 accumulator would stop at 2048), and F.linear(x, W, b) equals
(x W^T + b) computed in float64 and rounded once to the low dtype for all but a rare
double-rounding case (float32 accumulation, then one rounding to float16). layer_norm, softmax
and GELU on float16/bfloat16 tensors also equal the float32 op rounded once (asserted), and so
does a low-precision tensor times a Python scalar. Not so log_softmax (hence cross_entropy):
on this CPU its float16/bfloat16 kernel differs from "float32 then round once" by one unit in
the last place in roughly a fifth of the elements (observed, not asserted), so consumers of
the pure-* cases need a tolerance there; nll_loss's mean accumulates in float32. Everything
the transformer uses (embedding, layer_norm, softmax, GELU, log_softmax, nll_loss, forward
and backward) exists for float16 and bfloat16 on CPU, so both pure-* cases are generated.

Verified against PyTorch's own modules on every run (the script stops if a check fails):
  * linear and the MLPs against nn.Linear / nn.Tanh / nn.ReLU / nn.GELU stacks (outputs, grads);
  * rnn against nn.RNN with the same weights (hidden states to 1e-6, gradients);
  * layernorm against nn.LayerNorm and against the biased-variance formula in float64;
  * attention against F.scaled_dot_product_attention(is_causal=True) and nn.MultiheadAttention
    (outputs and per-head attention weights to 1e-6, gradients);
  * transformer-fp32 against nn.Embedding + nn.TransformerEncoderLayer(norm_first=True,
    activation="gelu", dropout=0) + nn.LayerNorm + nn.Linear (logits, loss, all gradients);
  * transformer-autocast-* bit for bit against the plain float32 code run under
    torch.autocast("cpu", dtype) with softmax/layer_norm inputs cast to float32 by hand
    (CPU autocast's float32 list lacks softmax, CUDA's has it): logits, loss, every gradient;
  * every float32 case's loss and gradients against the same code in float64 (to 1e-4 of the
    largest gradient), so the reference itself is not numerically off.
"""

import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parents[2]
VENV = PACKAGE_ROOT / ".venv-torch"
REQUIREMENTS = ["torch==2.13.0+cpu", "numpy==2.4.6"]

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)


# ---------------------------------------------------------------------------------------
# Encoding.

def f32_entry(tensor):
    """{"shape", "f32"}: float32 bit patterns, 8 lowercase hex digits each, row-major."""
    import numpy as np
    import torch
    array = tensor.detach().to(torch.float32).contiguous().numpy()
    bits = np.ascontiguousarray(array).reshape(-1).view(np.uint32).astype(">u4")
    return {"shape": list(array.shape), "f32": bits.tobytes().hex()}


def ints_entry(array):
    import numpy as np
    array = np.asarray(array)
    return {"shape": list(array.shape), "ints": [int(v) for v in array.reshape(-1)]}


def dumps(value, indent=""):
    """Sorted-key JSON, one line per leaf tensor record (keeps diffs readable)."""
    inner = indent + " "
    if isinstance(value, dict) and value and not ("shape" in value and ("f32" in value or "ints" in value)):
        items = [f"{inner}{json.dumps(key)}: {dumps(value[key], inner)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        items = [inner + dumps(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, sort_keys=True)


# ---------------------------------------------------------------------------------------
# Drawing weights and inputs (numpy only, float32).

class Draw:
    def __init__(self, seed):
        import numpy as np
        self.rng = np.random.default_rng(seed)

    def normal(self, shape, std=1.0, mean=0.0):
        import numpy as np
        return (mean + std * self.rng.standard_normal(shape)).astype(np.float32)

    def linear(self, params, name, fan_out, fan_in, bias=True):
        params[f"{name}.weight"] = self.normal((fan_out, fan_in), 1.0 / math.sqrt(fan_in))
        if bias:
            params[f"{name}.bias"] = self.normal((fan_out,), 0.1)

    def layer_norm(self, params, name, width):
        params[f"{name}.weight"] = self.normal((width,), 0.1, 1.0)
        params[f"{name}.bias"] = self.normal((width,), 0.1)

    def ints(self, low, high, shape):
        import numpy as np
        return self.rng.integers(low, high, size=shape).astype(np.int64)


# ---------------------------------------------------------------------------------------
# The reference math: explicit functional ops. `cast` decides the precision policy.

class Cast:
    """fp32 and pure-* policies: every op runs in the dtype of its inputs."""
    low = None

    def linear(self, x, weight, bias=None):
        import torch.nn.functional as F
        return F.linear(x, weight, bias)

    def matmul(self, a, b):
        return a @ b

    def wide(self, x):
        """Inputs of ops on the autocast float32 list (layer_norm, softmax, cross_entropy)."""
        return x


class AutocastCast(Cast):
    """CUDA autocast written out: linear/matmul in the low dtype, float32-list ops in float32."""

    def __init__(self, low):
        self.low = low

    def linear(self, x, weight, bias=None):
        import torch.nn.functional as F
        return F.linear(x.to(self.low), weight.to(self.low), None if bias is None else bias.to(self.low))

    def matmul(self, a, b):
        return a.to(self.low) @ b.to(self.low)

    def wide(self, x):
        return x.float()


class WideOnlyCast(Cast):
    """For checking AutocastCast under torch.autocast: only the float32-list casts by hand."""

    def wide(self, x):
        return x.float()


def layer_norm(cast, x, weight, bias, eps):
    import torch.nn.functional as F
    return F.layer_norm(cast.wide(x), (x.shape[-1],), cast.wide(weight), cast.wide(bias), eps)


def causal_self_attention(cast, x, qkv_weight, qkv_bias, proj_weight, proj_bias, heads):
    import torch
    batch, steps, width = x.shape
    head_width = width // heads
    qkv = cast.linear(x, qkv_weight, qkv_bias)
    q, k, v = qkv[..., 0:width], qkv[..., width:2 * width], qkv[..., 2 * width:3 * width]
    q, k, v = (t.reshape(batch, steps, heads, head_width).permute(0, 2, 1, 3) for t in (q, k, v))
    scale = float(1.0 / math.sqrt(head_width))
    scores = cast.matmul(q, k.transpose(-2, -1)) * scale
    above = torch.ones(steps, steps, dtype=torch.bool).triu(1)
    scores = scores.masked_fill(above, float("-inf"))
    att = torch.softmax(cast.wide(scores), dim=-1)
    y = cast.matmul(att, v)
    y = y.permute(0, 2, 1, 3).reshape(batch, steps, width)
    return cast.linear(y, proj_weight, proj_bias), att


def forward_linear(cast, p, i, c):
    import torch.nn.functional as F
    y = F.linear(i["x"], p["weight"], p["bias"])
    return F.mse_loss(y, i["target"]), {"y": y}


def forward_mlp(cast, p, i, c):
    import torch
    import torch.nn.functional as F
    activation = {"tanh": torch.tanh, "relu": F.relu, "gelu": F.gelu}[c["activation"]]
    h = i["x"]
    for layer in range(c["layers"]):
        h = F.linear(h, p[f"fc{layer}.weight"], p[f"fc{layer}.bias"])
        if layer < c["layers"] - 1:
            h = activation(h)
    return F.cross_entropy(h, i["targets"]), {"logits": h}


def forward_rnn(cast, p, i, c):
    import torch
    import torch.nn.functional as F
    x = i["x"]
    h = torch.zeros(x.shape[0], c["hidden"], dtype=x.dtype)
    states = []
    for t in range(x.shape[1]):
        h = torch.tanh(F.linear(x[:, t], p["weight_ih"], p["bias_ih"]) + F.linear(h, p["weight_hh"], p["bias_hh"]))
        states.append(h)
    hidden = torch.stack(states, dim=1)
    prediction = F.linear(h, p["head.weight"], p["head.bias"])
    return F.mse_loss(prediction, i["target"]), {"hidden": hidden, "prediction": prediction}


def forward_layernorm(cast, p, i, c):
    y = layer_norm(cast, i["x"], p["weight"], p["bias"], c["eps"])
    return (y * i["r"]).sum(), {"y": y}


def forward_attention(cast, p, i, c):
    out, att = causal_self_attention(cast, i["x"], p["qkv.weight"], p["qkv.bias"],
                                     p["proj.weight"], p["proj.bias"], c["heads"])
    return (out * i["r"]).sum(), {"out": out, "att": att}


def forward_transformer(cast, p, i, c):
    import torch.nn.functional as F
    tokens, targets = i["tokens"], i["targets"]
    steps = tokens.shape[1]
    x = F.embedding(tokens, p["tok_emb"]) + p["pos_emb"][0:steps]
    outputs = {}
    for b in range(c["layers"]):
        name = f"blocks.{b}"
        h = layer_norm(cast, x, p[f"{name}.ln1.weight"], p[f"{name}.ln1.bias"], c["eps"])
        a, _ = causal_self_attention(cast, h, p[f"{name}.attn.qkv.weight"], p[f"{name}.attn.qkv.bias"],
                                     p[f"{name}.attn.proj.weight"], p[f"{name}.attn.proj.bias"], c["heads"])
        if b == 0:
            outputs["block0_ln1"], outputs["block0_attn"] = h, a
        x = x + a
        h = layer_norm(cast, x, p[f"{name}.ln2.weight"], p[f"{name}.ln2.bias"], c["eps"])
        m = F.gelu(cast.linear(h, p[f"{name}.mlp.fc0.weight"], p[f"{name}.mlp.fc0.bias"]))
        x = x + cast.linear(m, p[f"{name}.mlp.fc1.weight"], p[f"{name}.mlp.fc1.bias"])
    h = layer_norm(cast, x, p["ln_f.weight"], p["ln_f.bias"], c["eps"])
    logits = cast.linear(h, p["head.weight"])
    outputs["logits"] = logits
    loss = F.cross_entropy(cast.wide(logits).reshape(-1, c["vocab"]), targets.reshape(-1),
                           ignore_index=c["ignore_index"])
    return loss, outputs


FORWARD = {"linear": forward_linear, "mlp": forward_mlp, "rnn": forward_rnn, "layernorm": forward_layernorm,
           "attention": forward_attention, "transformer": forward_transformer}


# ---------------------------------------------------------------------------------------
# Cases: config, parameters and inputs (numpy float32 / int64), in drawing order.

def case_linear():
    seed = 20_260_101
    d = Draw(seed)
    config = {"in_features": 5, "out_features": 3, "seed": seed}
    params = {}
    d.linear(params, "", 3, 5)
    params = {"weight": params[".weight"], "bias": params[".bias"]}
    inputs = {"x": d.normal((2, 4, 5)), "target": d.normal((2, 4, 3))}
    return "linear", "linear", config, params, inputs, ["x"]


def case_mlp(activation, seed):
    d = Draw(seed)
    sizes = [4, 16, 16, 3]
    config = {"input": 4, "hidden": 16, "output": 3, "layers": 3, "batch": 8, "seed": seed}
    params = {}
    for layer in range(3):
        d.linear(params, f"fc{layer}", sizes[layer + 1], sizes[layer])
    inputs = {"x": d.normal((8, 4)), "targets": d.ints(0, 3, (8,))}
    return f"mlp-{activation}", f"mlp-{activation}", config, params, inputs, ["x"]


def case_rnn():
    seed = 20_260_105
    d = Draw(seed)
    config = {"input": 3, "hidden": 8, "output": 2, "batch": 2, "steps": 6, "seed": seed}
    bound = 1.0 / math.sqrt(8)
    params = {"weight_ih": d.normal((8, 3), bound), "weight_hh": d.normal((8, 8), bound),
              "bias_ih": d.normal((8,), 0.1), "bias_hh": d.normal((8,), 0.1)}
    d.linear(params, "head", 2, 8)
    inputs = {"x": d.normal((2, 6, 3)), "target": d.normal((2, 2))}
    return "rnn", "rnn", config, params, inputs, ["x"]


def case_layernorm():
    seed = 20_260_106
    d = Draw(seed)
    config = {"width": 6, "eps": 1e-5, "seed": seed}
    params = {}
    d.layer_norm(params, "", 6)
    params = {"weight": params[".weight"], "bias": params[".bias"]}
    inputs = {"x": d.normal((3, 4, 6), 2.0, 0.5), "r": d.normal((3, 4, 6))}
    return "layernorm", "layernorm", config, params, inputs, ["x"]


def case_attention():
    seed = 20_260_107
    d = Draw(seed)
    config = {"width": 8, "heads": 2, "batch": 2, "steps": 5, "seed": seed}
    params = {}
    d.linear(params, "qkv", 24, 8)
    d.linear(params, "proj", 8, 8)
    inputs = {"x": d.normal((2, 5, 8)), "r": d.normal((2, 5, 8))}
    return "attention", "attention", config, params, inputs, ["x"]


TRANSFORMER_SEED = 20_260_108


def case_transformer(policy):
    seed = TRANSFORMER_SEED
    d = Draw(seed)
    vocab, context, width, heads, layers, hidden = 11, 8, 16, 2, 2, 64
    config = {"vocab": vocab, "context": context, "width": width, "heads": heads, "layers": layers,
              "mlp_hidden": hidden, "eps": 1e-5, "batch": 2, "steps": 8, "ignore_index": -100, "seed": seed}
    params = {"tok_emb": d.normal((vocab, width), 0.02), "pos_emb": d.normal((context, width), 0.02)}
    for b in range(layers):
        d.layer_norm(params, f"blocks.{b}.ln1", width)
        d.linear(params, f"blocks.{b}.attn.qkv", 3 * width, width)
        d.linear(params, f"blocks.{b}.attn.proj", width, width)
        d.layer_norm(params, f"blocks.{b}.ln2", width)
        d.linear(params, f"blocks.{b}.mlp.fc0", hidden, width)
        d.linear(params, f"blocks.{b}.mlp.fc1", width, hidden)
    d.layer_norm(params, "ln_f", width)
    d.linear(params, "head", vocab, width, bias=False)
    tokens = d.ints(0, vocab, (2, context))
    targets = d.ints(0, vocab, (2, context))
    targets[0, 5] = -100
    inputs = {"tokens": tokens, "targets": targets}
    return f"transformer-{policy}", "transformer", config, params, inputs, []


# ---------------------------------------------------------------------------------------
# Running a case.

LOW = {"autocast-bf16": "bfloat16", "autocast-fp16": "float16", "pure-bf16": "bfloat16", "pure-fp16": "float16"}


def run(kind, config, params, inputs, grad_inputs, policy="fp32", dtype=None, cast=None, context=None):
    """Leaves for params and inputs, forward, backward. Returns (P, I, loss, outputs)."""
    import contextlib
    import numpy as np
    import torch
    if dtype is None:
        dtype = getattr(torch, LOW[policy]) if policy.startswith("pure-") else torch.float32
    if cast is None:
        cast = AutocastCast(getattr(torch, LOW[policy])) if policy.startswith("autocast-") else Cast()
    P = {n: torch.tensor(a).to(dtype).requires_grad_() for n, a in params.items()}
    I = {}
    for n, a in inputs.items():
        if a.dtype == np.int64:
            I[n] = torch.tensor(a)
        else:
            I[n] = torch.tensor(a).to(dtype).requires_grad_(n in grad_inputs)
    c = dict(config)
    if kind.startswith("mlp-"):
        kind, c["activation"] = kind.split("-")
    with context or contextlib.nullcontext():
        loss, outputs = FORWARD[kind](cast, P, I, c)
    loss.backward()
    return P, I, loss, outputs


def close(a, b, tol, what):
    a, b = a.detach().double(), b.detach().double()
    assert a.shape == b.shape, f"{what}: shapes {tuple(a.shape)} vs {tuple(b.shape)}"
    scale = max(b.abs().max().item(), 1e-30)
    error = (a - b).abs().max().item()
    assert error <= tol * max(scale, 1.0), f"{what}: max error {error:.3g} (scale {scale:.3g}, tol {tol})"


def identical(a, b, what):
    assert a.dtype == b.dtype and torch_equal(a, b), f"{what}: not bit-identical"


def torch_equal(a, b):
    import torch
    return torch.equal(a.detach().view(torch.int16 if a.element_size() == 2 else torch.int32),
                       b.detach().view(torch.int16 if b.element_size() == 2 else torch.int32))


# ---------------------------------------------------------------------------------------
# Checks against PyTorch's own modules.

def module_leaves(module, mapping, params):
    """Copy our float32 params into a module; return {our name: module parameter}."""
    import torch
    named = dict(module.named_parameters())
    with torch.no_grad():
        for ours, theirs in mapping.items():
            named[theirs].copy_(torch.tensor(params[ours]))
    return {ours: named[theirs] for ours, theirs in mapping.items()}


def check_grads(P, I, leaves, x_module, what, tol=1e-5):
    for name, leaf in leaves.items():
        close(P[name].grad, leaf.grad, tol, f"{what} grad {name}")
    if x_module is not None:
        close(I["x"].grad, x_module.grad, tol, f"{what} grad x")


def check_linear(params, inputs, P, I, loss, outputs):
    import torch
    import torch.nn.functional as F
    module = torch.nn.Linear(5, 3)
    leaves = module_leaves(module, {"weight": "weight", "bias": "bias"}, params)
    x = torch.tensor(inputs["x"]).requires_grad_()
    y = module(x)
    F.mse_loss(y, torch.tensor(inputs["target"])).backward()
    close(outputs["y"], y, 1e-6, "linear vs nn.Linear")
    check_grads(P, I, leaves, x, "linear vs nn.Linear")


def check_mlp(activation, params, inputs, P, I, loss, outputs):
    import torch
    import torch.nn.functional as F
    act = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "gelu": torch.nn.GELU}[activation]
    module = torch.nn.Sequential(torch.nn.Linear(4, 16), act(), torch.nn.Linear(16, 16), act(), torch.nn.Linear(16, 3))
    mapping = {}
    for layer, index in enumerate((0, 2, 4)):
        mapping[f"fc{layer}.weight"] = f"{index}.weight"
        mapping[f"fc{layer}.bias"] = f"{index}.bias"
    leaves = module_leaves(module, mapping, params)
    x = torch.tensor(inputs["x"]).requires_grad_()
    logits = module(x)
    F.cross_entropy(logits, torch.tensor(inputs["targets"])).backward()
    close(outputs["logits"], logits, 1e-6, f"mlp-{activation} vs nn.Sequential")
    check_grads(P, I, leaves, x, f"mlp-{activation} vs nn.Sequential")


def check_rnn(params, inputs, P, I, loss, outputs):
    import torch
    import torch.nn.functional as F
    module = torch.nn.RNN(3, 8, num_layers=1, nonlinearity="tanh", batch_first=True)
    leaves = module_leaves(module, {"weight_ih": "weight_ih_l0", "weight_hh": "weight_hh_l0",
                                    "bias_ih": "bias_ih_l0", "bias_hh": "bias_hh_l0"}, params)
    head = {n: torch.tensor(params[n]).requires_grad_() for n in ("head.weight", "head.bias")}
    x = torch.tensor(inputs["x"]).requires_grad_()
    hidden, last = module(x, torch.zeros(1, 2, 8))
    close(outputs["hidden"], hidden, 1e-6, "rnn hidden vs nn.RNN")
    close(last[0], hidden[:, -1], 0, "nn.RNN last state")
    prediction = F.linear(last[0], head["head.weight"], head["head.bias"])
    F.mse_loss(prediction, torch.tensor(inputs["target"])).backward()
    close(outputs["prediction"], prediction, 1e-6, "rnn prediction vs nn.RNN")
    check_grads(P, I, {**leaves, **head}, x, "rnn vs nn.RNN")


def check_layernorm(params, inputs, P, I, loss, outputs):
    import torch
    module = torch.nn.LayerNorm(6, eps=1e-5)
    leaves = module_leaves(module, {"weight": "weight", "bias": "bias"}, params)
    x = torch.tensor(inputs["x"]).requires_grad_()
    y = module(x)
    (y * torch.tensor(inputs["r"])).sum().backward()
    close(outputs["y"], y, 1e-6, "layernorm vs nn.LayerNorm")
    check_grads(P, I, leaves, x, "layernorm vs nn.LayerNorm")
    x64 = torch.tensor(inputs["x"]).double()
    mean = x64.mean(-1, keepdim=True)
    variance = ((x64 - mean) ** 2).mean(-1, keepdim=True)
    formula = (x64 - mean) / torch.sqrt(variance + 1e-5) * torch.tensor(params["weight"]).double() \
        + torch.tensor(params["bias"]).double()
    close(outputs["y"], formula, 1e-6, "layernorm vs biased-variance formula")


def check_attention(params, inputs, P, I, loss, outputs):
    import torch
    import torch.nn.functional as F
    x = torch.tensor(inputs["x"])
    with torch.no_grad():
        qkv = F.linear(x, torch.tensor(params["qkv.weight"]), torch.tensor(params["qkv.bias"]))
        q, k, v = (t.reshape(2, 5, 2, 4).transpose(1, 2) for t in qkv.split(8, dim=-1))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(2, 5, 8)
        out = F.linear(y, torch.tensor(params["proj.weight"]), torch.tensor(params["proj.bias"]))
    close(outputs["out"], out, 1e-6, "attention vs F.scaled_dot_product_attention")

    module = torch.nn.MultiheadAttention(8, 2, batch_first=True)
    leaves = module_leaves(module, {"qkv.weight": "in_proj_weight", "qkv.bias": "in_proj_bias",
                                    "proj.weight": "out_proj.weight", "proj.bias": "out_proj.bias"}, params)
    x = x.clone().requires_grad_()
    mask = torch.ones(5, 5, dtype=torch.bool).triu(1)
    out, att = module(x, x, x, attn_mask=mask, need_weights=True, average_attn_weights=False)
    (out * torch.tensor(inputs["r"])).sum().backward()
    close(outputs["out"], out, 1e-6, "attention vs nn.MultiheadAttention")
    close(outputs["att"], att, 1e-6, "attention weights vs nn.MultiheadAttention")
    check_grads(P, I, leaves, x, "attention vs nn.MultiheadAttention")


def encoder_stack(c, params, norm_first):
    """The Transformer as a PyTorch user builds it, with our parameters loaded: token and
    position embeddings, `nn.TransformerEncoderLayer` blocks (pre-LN with `norm_first`,
    post-LN without) and an untied bias-free head. Returns the modules and the leaves."""
    import torch
    embedding = torch.nn.Embedding(c["vocab"], c["width"])
    position = torch.nn.Parameter(torch.tensor(params["pos_emb"]))
    blocks = [torch.nn.TransformerEncoderLayer(c["width"], c["heads"], dim_feedforward=c["mlp_hidden"], dropout=0.0,
                                               activation="gelu", layer_norm_eps=c["eps"], batch_first=True,
                                               norm_first=norm_first) for _ in range(c["layers"])]
    leaves = {"pos_emb": position}
    leaves.update(module_leaves(embedding, {"tok_emb": "weight"}, params))
    for b, block in enumerate(blocks):
        n = f"blocks.{b}"
        leaves.update(module_leaves(block, {
            f"{n}.ln1.weight": "norm1.weight", f"{n}.ln1.bias": "norm1.bias",
            f"{n}.attn.qkv.weight": "self_attn.in_proj_weight", f"{n}.attn.qkv.bias": "self_attn.in_proj_bias",
            f"{n}.attn.proj.weight": "self_attn.out_proj.weight", f"{n}.attn.proj.bias": "self_attn.out_proj.bias",
            f"{n}.ln2.weight": "norm2.weight", f"{n}.ln2.bias": "norm2.bias",
            f"{n}.mlp.fc0.weight": "linear1.weight", f"{n}.mlp.fc0.bias": "linear1.bias",
            f"{n}.mlp.fc1.weight": "linear2.weight", f"{n}.mlp.fc1.bias": "linear2.bias"}, params))
    return embedding, position, blocks, leaves


def encoder_output(embedding, position, blocks, tokens):
    """The last block's output for `tokens`, causally masked."""
    import torch
    steps = tokens.shape[1]
    mask = torch.nn.Transformer.generate_square_subsequent_mask(steps)
    x = embedding(tokens) + position[0:steps]
    for block in blocks:
        x = block(x, src_mask=mask, is_causal=True)
    return x


def check_transformer(config, params, inputs, P, I, loss, outputs):
    import torch
    import torch.nn.functional as F
    c = config
    embedding, position, blocks, leaves = encoder_stack(c, params, norm_first=True)
    final = torch.nn.LayerNorm(c["width"], eps=c["eps"])
    head = torch.nn.Linear(c["width"], c["vocab"], bias=False)
    leaves.update(module_leaves(final, {"ln_f.weight": "weight", "ln_f.bias": "bias"}, params))
    leaves.update(module_leaves(head, {"head.weight": "weight"}, params))
    tokens, targets = torch.tensor(inputs["tokens"]), torch.tensor(inputs["targets"])
    logits = head(final(encoder_output(embedding, position, blocks, tokens)))
    theirs = F.cross_entropy(logits.reshape(-1, c["vocab"]), targets.reshape(-1), ignore_index=c["ignore_index"])
    theirs.backward()
    close(outputs["logits"], logits, 1e-5, "transformer vs nn.TransformerEncoderLayer")
    close(loss, theirs, 1e-6, "transformer loss vs nn modules")
    check_grads(P, I, leaves, None, "transformer vs nn modules")


def check_autocast(config, params, inputs, policy, P, loss, outputs):
    """Manual casting == torch.autocast('cpu') running the float32 code (+ float32 softmax/LN/CE)."""
    import torch
    low = getattr(torch, LOW[policy])
    Q, _, their_loss, theirs = run("transformer", config, params, inputs, [], dtype=torch.float32,
                                   cast=WideOnlyCast(), context=torch.autocast("cpu", dtype=low))
    for name in ("logits", "block0_ln1", "block0_attn"):
        identical(outputs[name], theirs[name], f"{policy} {name} vs torch.autocast")
    identical(loss, their_loss, f"{policy} loss vs torch.autocast")
    for name in P:
        identical(P[name].grad, Q[name].grad, f"{policy} grad {name} vs torch.autocast")


def check_float64(kind, config, params, inputs, grad_inputs, P, I, loss):
    import torch
    Q, J, loss64, _ = run(kind, config, params, inputs, grad_inputs, dtype=torch.float64, cast=Cast())
    close(loss, loss64, 1e-5, f"{kind} loss vs float64")
    for name in P:
        close(P[name].grad, Q[name].grad, 1e-4, f"{kind} grad {name} vs float64")
    for name in grad_inputs:
        close(I[name].grad, J[name].grad, 1e-4, f"{kind} grad {name} vs float64")


def check_low_precision_cpu():
    """Half/bfloat16 matmul on this CPU: available, float32 accumulation, one rounding."""
    import numpy as np
    import torch
    import torch.nn.functional as F
    rng = np.random.default_rng(0)
    for low in (torch.float16, torch.bfloat16):
        ones = torch.ones(1, 4096, dtype=low)
        assert (ones @ ones.T).item() == 4096.0, f"{low} matmul does not accumulate in float32"
        assert F.linear(ones, ones).item() == 4096.0, f"{low} F.linear does not accumulate in float32"
        x = torch.tensor(rng.standard_normal((37, 64)), dtype=torch.float32).to(low)
        w = torch.tensor(rng.standard_normal((29, 64)), dtype=torch.float32).to(low)
        b = torch.tensor(rng.standard_normal((29,)), dtype=torch.float32).to(low)
        once = (x.double() @ w.double().T + b.double()).to(low)
        differ = (F.linear(x, w, b) != once).sum().item()
        assert differ <= 2, f"{low} F.linear: {differ} results not rounded once"
        x = x.reshape(-1, 16) * 3.0
        g, c = (1.0 + 0.1 * x[0]).to(low), (0.1 * x[1]).to(low)
        for op, f in (("layer_norm", lambda t, a, d: F.layer_norm(t, (16,), a, d, 1e-5)),
                      ("softmax", lambda t, a, d: torch.softmax(t, -1)), ("gelu", lambda t, a, d: F.gelu(t)),
                      ("scalar mul", lambda t, a, d: t * (1.0 / math.sqrt(8)))):
            assert torch.equal(f(x, g, c), f(x.float(), g.float(), c.float()).to(low)), f"{low} {op} not rounded once"


# ---------------------------------------------------------------------------------------

def record(name, kind, config, policy, P, I, inputs, grad_inputs, loss, outputs):
    import numpy as np
    entry_inputs = {}
    for n, a in inputs.items():
        entry_inputs[n] = ints_entry(a) if a.dtype == np.int64 else f32_entry(I[n])
    grads = {n: f32_entry(t.grad) for n, t in P.items()}
    for n in grad_inputs:
        grads[n] = f32_entry(I[n].grad)
    return {"name": name, "kind": kind, "config": config, "policy": policy,
            "params": {n: f32_entry(t) for n, t in P.items()}, "inputs": entry_inputs,
            "outputs": {n: f32_entry(t) for n, t in outputs.items()},
            "loss": f32_entry(loss), "grads": grads}


def main():
    import numpy as np
    import torch
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    check_low_precision_cpu()

    cases = [case_linear(), case_mlp("tanh", 20_260_102), case_mlp("relu", 20_260_103),
             case_mlp("gelu", 20_260_104), case_rnn(), case_layernorm(), case_attention()]
    plans = [(case, "fp32") for case in cases]
    plans += [(case_transformer(policy), policy)
              for policy in ("fp32", "autocast-bf16", "autocast-fp16", "pure-fp16", "pure-bf16")]

    records = []
    for (name, kind, config, params, inputs, grad_inputs), policy in plans:
        P, I, loss, outputs = run(kind, config, params, inputs, grad_inputs, policy)
        if policy == "fp32":
            check_float64(kind, config, params, inputs, grad_inputs, P, I, loss)
        if kind == "linear":
            check_linear(params, inputs, P, I, loss, outputs)
        elif kind.startswith("mlp-"):
            check_mlp(kind[4:], params, inputs, P, I, loss, outputs)
        elif kind == "rnn":
            check_rnn(params, inputs, P, I, loss, outputs)
        elif kind == "layernorm":
            check_layernorm(params, inputs, P, I, loss, outputs)
        elif kind == "attention":
            check_attention(params, inputs, P, I, loss, outputs)
        elif policy == "fp32":
            check_transformer(config, params, inputs, P, I, loss, outputs)
        elif policy.startswith("autocast-"):
            check_autocast(config, params, inputs, policy, P, loss, outputs)
        entry = record(name, kind, config, policy, P, I, inputs, grad_inputs, loss, outputs)
        for tensor in list(entry["outputs"].values()) + list(entry["grads"].values()) + [entry["loss"]]:
            values = np.frombuffer(bytes.fromhex(tensor["f32"]), dtype=">u4").astype(np.uint32).view(np.float32)
            assert np.isfinite(values).all(), f"{name}: non-finite values"
        records.append(entry)
        print(f"{name:26s} {kind:12s} {policy:14s} loss {loss.item():.9g}  "
              f"{len(P)} params, {len(grad_inputs)} input grads, outputs {', '.join(sorted(outputs))}")

    text = dumps({"cases": records}) + "\n"
    (HERE / "layers.json").write_text(text)


if __name__ == "__main__":
    venv_bootstrap.pin_cpu_kernels()
    venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS)
    main()
