"""``peergraph synth``: a deterministic synthetic estate with known defects, for benchmarks."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.registry import arg, command


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _share(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


@command(
    "synth",
    help="write a deterministic synthetic estate of site graphs, with known defects and a "
    "manifest of what each prison's validation must report",
    details="Each prison is the valid template (data/examples/valid/hmp-example.ttl) in a "
    "namespace of its own, with --wings CFO wings (about 120 triples each); --defect-share of "
    "the prisons carry one invalid example's patch (data/examples/invalid/*.ru), whose "
    "'# expect:' lines the manifest repeats. Prisons alternate between the male and female "
    "estates. The same options give the same files, byte for byte. About 10k triples: "
    "--prisons 12 --wings 7; 100k: --prisons 120 --wings 7; 1M: --prisons 120 --wings 70.",
    example="peergraph synth --prisons 120 --seed 1 --out estate/\n"
    "peergraph validate estate/ --summary --fail-on never",
    args=[
        arg("--prisons", type=_whole, required=True, metavar="N", help="how many prisons"),
        arg("--seed", type=_whole, default=0, metavar="S", help="the seed (default 0)"),
        arg("--out", required=True, metavar="DIR", help="a new or empty folder to write to"),
        arg(
            "--wings",
            type=_whole,
            default=5,
            metavar="W",
            help="CFO wings per prison, each with its roles and records (default 5)",
        ),
        arg(
            "--defect-share",
            type=_share,
            default=0.5,
            metavar="F",
            help="the share of prisons that carry one defect (0 to 1, default 0.5)",
        ),
    ],
)
def synth(args: argparse.Namespace) -> int:
    from pathlib import Path

    from peergraph.synth import synthesise

    manifest = synthesise(
        Path(args.out),
        prisons=args.prisons,
        seed=args.seed,
        wings=args.wings,
        defect_share=args.defect_share,
    )
    defective = sum(1 for p in manifest.prisons if p["defect"])
    sys.stderr.write(
        f"wrote {len(manifest.prisons)} prisons ({manifest.triples} triples, {defective} with "
        f"a defect) and manifest.json to {args.out}\n"
    )
    return 0
