"""Seeds derived from a job's seed: one source for the engine and the exported script.

The engine seeds every node's initialiser (and its dropout) from the job
seed and the node's position in the spec, so the same seed gives the same
starting weights whatever activations are chosen: comparing ReLU with tanh
starts from the same point. The code exporter writes the same numbers into
the script, so the script's initial weights are the engine's.
"""

from __future__ import annotations

SEED_MODULUS = 2**31 - 1
"""Node seeds are below this (a 31-bit integer every Keras seed argument takes)."""
SEED_STRIDE = 1_000_003
"""Large odd multiplier, so seeds of neighbouring jobs and nodes do not collide."""


def node_seed(seed: int, index: int) -> int:
    """Returns the initialiser seed of the node at `index` for job seed `seed`.

    Args:
        seed: The job's seed (`TrainConfig.seed`).
        index: Position of the node in `ModelSpec.nodes`.

    Returns:
        A non-negative 31-bit integer, the same for the same arguments.
    """
    return (seed * SEED_STRIDE + index + 1) % SEED_MODULUS
