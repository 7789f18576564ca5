"""The environment an exported script runs in under the export tests."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def script_env(upload_dir: Path) -> dict[str, str]:
    """This process's environment, plus the upload folder, quiet TensorFlow and funcnet's path.

    Args:
        upload_dir: Where the scripts' uploaded CSVs are (`FUNCNET_UPLOAD_DIR`).
    """
    return {**os.environ, "FUNCNET_UPLOAD_DIR": str(upload_dir), "TF_CPP_MIN_LOG_LEVEL": "3",
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
