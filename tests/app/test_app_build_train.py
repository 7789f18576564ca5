"""Build & Train: data set, network editor, training settings and live training."""

import pytest
from apphelpers import (
    ACTIVATIONS,
    BUILD,
    EVALUATE,
    chart_titles,
    last_run,
    metric_values,
    run_until,
    train_and_wait,
    widget,
)

from funcnet.ui import state as keys
from funcnet.ui.texts import TEXTS


def setup_of(at):
    return at.session_state[keys.SETUP]


def params_shown(at):
    return metric_values(at)["Parameters"]


# ------------------------------------------------------------------ network editor


def test_parameter_count_follows_edits(build):
    assert params_shown(build) == "5,569"  # 20·64+64 + 64·64+64 + 64+1
    widget(build, "number_input", ".units.1").set_value(32).run()
    assert params_shown(build) == "2,849"  # 20·32+32 + 32·64+64 + 64+1
    assert setup_of(build).model.node("dense_1").units == 32
    widget(build, "number_input", ".layers").set_value(3).run()
    # The new third layer copies the second (64 relu): + 64·64+64.
    assert params_shown(build) == "7,009"
    assert [n.units for n in setup_of(build).model.nodes if n.type == "dense"] == [32, 64, 64]


def test_an_edited_network_is_called_custom_not_the_presets_name(build):
    description = TEXTS["preset.seed.description"]
    assert description in [c.value for c in build.caption]
    widget(build, "number_input", ".units.1").set_value(32).run()
    captions = [c.value for c in build.caption]
    assert description not in captions
    assert "**Custom network**: yours differs from “Notebook network”. Load puts the preset " \
        "back." in captions
    build.button(key=keys.LOAD_PRESET).click().run()
    assert description in [c.value for c in build.caption]


def test_activation_and_dropout_edits_reach_the_setup(build):
    widget(build, "selectbox", ".activation.2").set_value("tanh").run()
    widget(build, "number_input", ".dropout.1").set_value(0.3).run()
    model = setup_of(build).model
    assert model.node("dense_2").activation == "tanh"
    assert model.node("dense_1").dropout == pytest.approx(0.3)
    assert params_shown(build) == "5,569"  # activations and dropout add no weights


def test_switching_data_set_rewrites_input_and_head(build):
    widget(build, "selectbox", ".dataset").set_value("moons").run()
    model = setup_of(build).model
    assert model.inputs[0].columns == ("x0", "x1")
    assert params_shown(build) == "4,417"  # 2·64+64 + 64·64+64 + 65
    assert "The data (standardised), coloured by class" in chart_titles(build)  # 2-D preview
    widget(build, "selectbox", ".dataset").set_value("iris").run()
    head = setup_of(build).model.outputs[0]
    assert (head.task, head.units, head.activation) == ("multiclass", 3, "softmax")
    assert build.dataframe  # tabular sets preview their first rows
    assert widget(build, "selectbox", ".head.target.activation").value == "softmax"


def test_data_set_parameters_reach_the_setup(build):
    widget(build, "selectbox", ".dataset").set_value("circles").run()
    widget(build, "number_input", ".circles.noise").set_value(0.25).run()
    widget(build, "number_input", ".circles.n_samples").set_value(300).run()
    data = setup_of(build).data
    assert (data.name, data.param("noise"), data.param("n_samples")) == ("circles", 0.25, 300)


def test_preset_that_is_not_a_stack_shows_its_summary(build):
    widget(build, "selectbox", ".preset").set_value("residual").run()
    build.button(key=keys.LOAD_PRESET).click().run()
    assert not build.exception
    assert any("not a plain stack" in i.value for i in build.info)
    assert params_shown(build) == f"{setup_of(build).model.total_params():,}"
    assert setup_of(build).data.name == "classification"


def test_data_set_that_does_not_fit_keeps_the_previous_setup(build):
    widget(build, "selectbox", ".preset").set_value("siamese").run()
    build.button(key=keys.LOAD_PRESET).click().run()
    before = setup_of(build)
    widget(build, "selectbox", ".dataset").set_value("moons").run()
    assert build.error and "previous one is kept" in build.error[0].value
    assert "a0" in build.error[0].value  # the engine's message names the missing column
    assert setup_of(build) is before


def test_training_settings_reach_the_setup(build):
    widget(build, "selectbox", ".optimizer").set_value("sgd").run()
    widget(build, "number_input", ".learning_rate").set_value(0.05).run()
    widget(build, "number_input", ".batch_size").set_value(64).run()
    train = setup_of(build).train
    assert (train.optimizer, train.learning_rate, train.batch_size) == ("sgd", 0.05, 64)


# ------------------------------------------------------------------ CSV upload

GOOD_CSV = "a,b,label\n" + "".join(f"{i % 7},{(i * 3) % 5},{i % 2}\n" for i in range(60))


def test_bad_upload_shows_an_error_and_keeps_the_setup(build):
    before = setup_of(build)
    build.file_uploader(key=keys.UPLOADER).upload("broken.csv", b"\x00\x01\x02binary",
                                                     "text/csv").run()
    assert not build.exception
    assert build.error and "broken.csv" in build.error[0].value
    assert "previous setup is kept" in build.error[0].value
    assert setup_of(build) is before
    assert params_shown(build) == "5,569"


def test_good_upload_becomes_the_data_set(build):
    build.file_uploader(key=keys.UPLOADER).upload("mine.csv", GOOD_CSV.encode(),
                                                     "text/csv").run()
    assert not build.exception and not build.error
    job = setup_of(build)
    assert job.data.name == "csv"
    assert job.model.inputs[0].columns == ("a", "b")
    assert job.model.outputs[0].target == "label"
    assert widget(build, "selectbox", ".dataset").value == "csv"


def test_wide_uploads_are_previewed_readably(build):
    # 784 pixel columns: the first rows as images; 1,000 plain columns: the first 24 and a count.
    import numpy as np

    rng = np.random.default_rng(1)

    def csv(width: int) -> bytes:
        header = ",".join([f"px{i}" for i in range(width)] + ["label"])
        rows = [",".join(map(str, rng.integers(0, 255, width))) + f",{i % 2}" for i in range(40)]
        return ("\n".join([header, *rows]) + "\n").encode()

    build.file_uploader(key=keys.UPLOADER).upload("pixels.csv", csv(784), "text/csv").run()
    assert not build.exception and not build.error, [e.value for e in build.error]
    assert len(setup_of(build).model.inputs[0].columns) == 784
    assert "First training rows as images" in chart_titles(build)
    build.file_uploader(key=keys.UPLOADER).upload("wide.csv", csv(1000), "text/csv").run()
    assert not build.exception and not build.error, [e.value for e in build.error]
    assert len(setup_of(build).model.inputs[0].columns) == 1000
    assert "The first 24 of 1,000 features." in [c.value for c in build.caption]
    assert "First training rows as images" not in chart_titles(build)


# ------------------------------------------------------------------ training


def test_training_streams_one_history_row_per_epoch_and_shows_metrics(build):
    run = train_and_wait(build, epochs=3)
    assert run.result.status == "completed"
    assert {len(v) for v in run.result.history.values()} == {3}
    assert set(run.result.history) >= {"loss", "val_loss", "accuracy", "val_accuracy"}
    shown = metric_values(build)
    assert {"Test loss", "Accuracy", "AUC"} <= set(shown)
    assert shown["Test loss"] == f"{run.result.test_metrics['loss']:.3f}"
    assert build.get("progress")[0].proto.text.startswith("Done: 3 epochs in ")
    titles = chart_titles(build)
    assert "Loss per epoch" in titles and "Accuracy per epoch" in titles
    assert [link.proto.label for link in build.get("page_link")] == [
        "Evaluate this model: ROC curve, confusion matrix, report"]


def test_two_d_training_draws_the_decision_boundary(build):
    widget(build, "selectbox", ".dataset").set_value("moons").run()
    run = train_and_wait(build, epochs=2)
    assert run.result.status == "completed"
    assert "Decision boundary, epoch 2" in chart_titles(build)
    # Another data set chosen afterwards: the panel beside the run's curves stays the run's.
    widget(build, "selectbox", ".dataset").set_value("circles").run()
    assert not build.exception, build.exception
    assert "Decision boundary, epoch 2" in chart_titles(build)
    assert any("you have changed the setup since" in c.value for c in build.caption)


def test_stop_keeps_a_shorter_history(build):
    widget(build, "number_input", ".epochs").set_value(200).run()
    build.button(key=keys.TRAIN).click().run()
    handle = build.session_state[keys.JOB]
    run_until(build, lambda a: handle.latest_epoch() is not None)
    build.button(key=keys.STOP).click().run()
    run = run_until(build, lambda a: last_run(a) is not None) and last_run(build)
    assert run.result.status == "stopped"
    assert 1 <= run.result.epochs_run < 200
    assert len(run.result.history["loss"]) == run.result.epochs_run
    assert build.get("progress")[0].proto.text == (
        f"Stopped at epoch {run.result.epochs_run} of 200")
    # The partial curves stay on the page.
    assert "Loss per epoch" in chart_titles(build)


def test_training_survives_widget_changes_and_page_visits(build):
    # Long enough to still run after three page visits on a busy machine.
    widget(build, "number_input", ".epochs").set_value(150).run()
    build.button(key=keys.TRAIN).click().run()
    handle = build.session_state[keys.JOB]
    widget(build, "number_input", ".units.1").set_value(16).run()  # a widget change
    build.switch_page(ACTIVATIONS).run()  # other pages
    assert not build.exception
    build.switch_page(EVALUATE).run()
    assert not build.exception and not handle.done()
    assert any("No training has finished yet" in i.value for i in build.info)
    build.switch_page(BUILD).run()
    assert build.session_state[keys.JOB] is handle
    run_until(build, lambda a: last_run(a) is not None)
    assert last_run(build).job_id == handle.id
    assert last_run(build).result.epochs_run == 150
    # The edit made during training is kept for the next run, not applied to this one.
    assert handle.job.model.node("dense_1").units == 64
    assert setup_of(build).model.node("dense_1").units == 16
    # Its result is on screen, here and on Evaluate.
    assert metric_values(build)["Test loss"] == f"{last_run(build).result.test_metrics['loss']:.3f}"
    build.switch_page(EVALUATE).run()
    assert not build.exception and build.get("plotly_chart")
    assert "150 of 150 epochs" in " ".join(c.value for c in build.caption)


def test_train_button_is_disabled_while_training(build):
    widget(build, "number_input", ".epochs").set_value(200).run()
    build.button(key=keys.TRAIN).click().run()
    assert build.button(key=keys.TRAIN).disabled
    build.button(key=keys.STOP).click().run()
    run_until(build, lambda a: last_run(a) is not None)
    assert not build.button(key=keys.TRAIN).disabled
