#!/usr/bin/env python3
"""PyTorch peer for `mantissa-train-bench --pytorch`.

    python3 Benchmarks/torch_bench.py --repeats 30 --warmup 5 [--clock wall|thread] [--model mlp] ...

The first run creates `.venv-torch/` at the package root (git-ignored via `.venv*/`) with
the same pinned torch and numpy as the Training test oracle (Tests/TrainingTests/Oracle/
layers.py), or reuses it; then it re-executes itself inside it. It times one training step
of the lesson-sized models, written the way a PyTorch user writes them (torch.nn modules,
F.scaled_dot_product_attention), in eager mode on one CPU thread:

    optimizer.zero_grad(); loss = model(batch); loss.backward();
    clip_grad_norm_(parameters, 1.0); optimizer.step()

with torch.optim.AdamW(lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1) and PyTorch's CPU
defaults otherwise (no foreach, no fused), in float32 and under
torch.autocast("cpu", dtype=torch.bfloat16) (the forward pass only, as recommended).
Shapes (the same as the Swift side):

    mlp          MLP [64, 256, 256, 10] GELU, batch 64, cross-entropy
    rnn          nn.RNN tanh, input 16, hidden 64, 32 steps, batch 16,
                 Linear(64 -> 10) on the last state, cross-entropy
    transformer  pre-LN GPT: vocab 32, context 32, width 64, 4 heads, 2 layers (hidden 256),
                 batch 16 x 32 tokens, next-token cross-entropy

Each row warms up, then the rows are visited round-robin, one timed step per visit, timed by
the wall clock or (`--clock thread`) by this thread's CPU time, which is where eager CPU work
and the autograd engine run with one thread. It prints one JSON object on stdout:

    {"versions": "...", "rows": [{"model": "mlp", "policy": "fp32", "seconds": [...]}, ...]}
"""

import sys
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
VENV = PACKAGE_ROOT / ".venv-torch"
REQUIREMENTS = ["torch==2.13.0+cpu", "numpy==2.4.6"]

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)


def workloads(torch):
    """name -> (model, loss function of the model); inputs drawn once from a fixed seed."""
    nn, F = torch.nn, torch.nn.functional
    generator = torch.Generator().manual_seed(0)

    def mlp():
        model = nn.Sequential(nn.Linear(64, 256), nn.GELU(), nn.Linear(256, 256), nn.GELU(), nn.Linear(256, 10))
        x = torch.randn(64, 64, generator=generator)
        y = torch.randint(0, 10, (64,), generator=generator)
        return model, lambda: F.cross_entropy(model(x), y)

    class Recurrent(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.RNN(16, 64, nonlinearity="tanh", batch_first=True)
            self.readout = nn.Linear(64, 10)

        def forward(self, x):
            states, _ = self.rnn(x)
            return self.readout(states[:, -1])

    def rnn():
        model = Recurrent()
        x = torch.randn(16, 32, 16, generator=generator)
        y = torch.randint(0, 10, (16,), generator=generator)
        return model, lambda: F.cross_entropy(model(x), y)

    class Attention(nn.Module):
        def __init__(self, width, heads):
            super().__init__()
            self.heads = heads
            self.qkv = nn.Linear(width, 3 * width)
            self.proj = nn.Linear(width, width)

        def forward(self, x):
            batch, length, width = x.shape
            q, k, v = self.qkv(x).split(width, dim=2)
            q, k, v = (t.view(batch, length, self.heads, width // self.heads).transpose(1, 2) for t in (q, k, v))
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
            return self.proj(y.transpose(1, 2).reshape(batch, length, width))

    class Block(nn.Module):
        def __init__(self, width, heads, hidden):
            super().__init__()
            self.ln1 = nn.LayerNorm(width)
            self.attn = Attention(width, heads)
            self.ln2 = nn.LayerNorm(width)
            self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, width))

        def forward(self, x):
            x = x + self.attn(self.ln1(x))
            return x + self.mlp(self.ln2(x))

    class GPT(nn.Module):
        def __init__(self, vocabulary, context, width, heads, layers, hidden):
            super().__init__()
            self.tok_emb = nn.Embedding(vocabulary, width)
            self.pos_emb = nn.Embedding(context, width)
            self.blocks = nn.ModuleList(Block(width, heads, hidden) for _ in range(layers))
            self.ln_f = nn.LayerNorm(width)
            self.head = nn.Linear(width, vocabulary, bias=False)

        def forward(self, tokens):
            x = self.tok_emb(tokens) + self.pos_emb.weight[: tokens.shape[1]]
            for block in self.blocks:
                x = block(x)
            return self.head(self.ln_f(x))

    def transformer():
        model = GPT(vocabulary=32, context=32, width=64, heads=4, layers=2, hidden=256)
        tokens = torch.randint(0, 32, (16, 33), generator=generator)
        x, y = tokens[:, :-1].contiguous(), tokens[:, 1:].contiguous()
        return model, lambda: F.cross_entropy(model(x).reshape(-1, 32), y.reshape(-1))

    return {"mlp": mlp, "rnn": rnn, "transformer": transformer}


def main():
    import argparse
    import time

    import torch

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--model", action="append", choices=["mlp", "rnn", "transformer"])
    parser.add_argument("--clock", choices=["wall", "thread"], default="wall")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(0)
    builders = workloads(torch)
    rows = []
    for name in args.model or ["mlp", "rnn", "transformer"]:
        for policy in ["fp32", "autocast-bf16"]:
            model, loss_of = builders[name]()
            optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1)
            autocast = policy == "autocast-bf16"

            def step(model=model, loss_of=loss_of, optimizer=optimizer, autocast=autocast):
                optimizer.zero_grad()
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
                    loss = loss_of()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()

            rows.append({"model": name, "policy": policy, "step": step, "seconds": []})

    for row in rows:
        for _ in range(args.warmup):
            row["step"]()
    now = time.perf_counter if args.clock == "wall" else time.thread_time
    for _ in range(args.repeats):
        for row in rows:
            start = now()
            row["step"]()
            row["seconds"].append(now() - start)

    import json
    versions = f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)"
    print(json.dumps({"versions": versions,
                      "rows": [{k: row[k] for k in ("model", "policy", "seconds")} for row in rows]}))


if __name__ == "__main__":
    venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS, pip_stdout=sys.stderr)
    main()
