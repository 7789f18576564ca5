"""Early stopping on Build & Train, and the overfitting and size reading after the run."""

from __future__ import annotations

import numpy as np
from apphelpers import EVALUATE, chart_titles, charts, shown, train_and_wait, widget

from funcnet.analysis.fit_reading import fitted_rows
from funcnet.data.datasets import load_dataset
from funcnet.model import limits


def test_early_stopping_ends_the_run_and_evaluate_reads_the_curves(build):
    control = widget(build, "number_input", ".early_stopping")
    bounds = limits.EARLY_STOPPING_PATIENCE
    assert (control.min, control.max, control.value) == (bounds.widget_min, bounds.widget_max, 0)
    control.set_value(2).run()
    widget(build, "number_input", ".seed-random.n_samples").set_value(300).run()
    widget(build, "number_input", ".learning_rate").set_value(0.01).run()
    run = train_and_wait(build, epochs=60)
    assert not build.exception and not build.error
    assert run.job.train.early_stopping_patience == 2
    result = run.result
    # Coin-flip labels: the validation loss turns up long before epoch 60.
    assert result.status == "completed" and result.epochs_run < 60
    best = int(np.argmin(result.history["val_loss"])) + 1
    stopped = [shown(i.value) for i in build.info if "Stopped early" in i.value]
    assert stopped == [f"Stopped early at epoch {result.epochs_run} of 60: the validation loss "
                       f"had not improved for 2 epochs, so the weights of epoch {best}, where "
                       "it was lowest, were restored."]
    train_rows = fitted_rows(load_dataset(run.job.data).split_sizes[0], 0.2)
    params = run.job.model.total_params()
    size = f"{params:,} parameters for the {train_rows:,} training rows it was fitted on: about"
    captions = " ".join(shown(c.value) for c in build.caption)
    assert f"Validation loss was best at epoch {best}" in captions and size in captions

    build.switch_page(EVALUATE).run()
    assert not build.exception and not build.error
    assert "Overfitting and size" in [h.value for h in build.subheader]
    assert "Validation minus training loss" in chart_titles(build)
    gap = next(c for c in charts(build)
               if c["layout"]["title"]["text"] == "Validation minus training loss")
    marks = [s["x0"] for s in gap["layout"]["shapes"] if s.get("x0") == s.get("x1")]
    assert marks == [best]
    texts = [shown(m.value) for m in build.markdown]
    assert any(t.startswith(f"Validation loss was best at epoch {best}; after") for t in texts)
    assert any(t.startswith(size) and t.endswith("per row.") for t in texts)
