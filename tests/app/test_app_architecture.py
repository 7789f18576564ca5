"""Architecture: the node table, the graph view, training any graph, files and share links."""

from __future__ import annotations

import json
from typing import Any

import pytest
from apphelpers import APP, run_until, widget
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from funcnet.export.codegen import SCRIPT_FILENAME, generate_script
from funcnet.export.share import job_from_json, job_to_json, job_to_query
from funcnet.model.presets import PRESETS
from funcnet.ui import state as keys

ARCHITECTURE = "app_pages/architecture.py"


def setup_of(at: AppTest) -> Any:
    return at.session_state[keys.SETUP]


def params_shown(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Parameters"]


def table(at: AppTest) -> Any:
    """Returns the node table element (a data editor; AppTest lists it as a dataframe)."""
    found = [e for e in at.dataframe if e.key and e.key.startswith("arch.") and
             e.key.endswith(".table")]
    assert len(found) == 1, [e.key for e in at.dataframe]
    return found[0]


def edit_table(at: AppTest, *, edited: dict[int, dict[str, Any]] | None = None,
               added: list[dict[str, Any]] | None = None,
               deleted: list[int] | None = None) -> AppTest:
    """Runs the app with the node table edited, as the browser's data editor reports it.

    AppTest has no data-editor driver, so the editor's widget state (the JSON of
    edited, added and deleted rows the frontend sends) is added to the others.
    """
    editing = {"edited_rows": {str(k): v for k, v in (edited or {}).items()},
               "added_rows": added or [], "deleted_rows": deleted or []}
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=table(at).proto.id, string_value=json.dumps(editing)))
    at._run(states)
    assert not at.exception, at.exception
    return at


def row_index(at: AppTest, name: str) -> int:
    return [n.name for n in setup_of(at).model.nodes].index(name)


def dot(at: AppTest) -> str:
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    return charts[0].proto.spec


@pytest.fixture
def arch(app: AppTest) -> AppTest:
    """A fresh session on the Architecture page (the seed preset)."""
    app.switch_page(ARCHITECTURE).run()
    assert not app.exception, app.exception
    return app


def load_preset(at: AppTest, name: str) -> AppTest:
    widget(at, "selectbox", ".arch.preset").set_value(name).run()
    at.button(key=keys.ARCH_LOAD_PRESET).click().run()
    assert not at.exception, at.exception
    assert setup_of(at) == PRESETS[name].job
    return at


# ------------------------------------------------------------------ the table and the graph


def test_page_shows_the_setup_as_table_graph_and_parameters(arch):
    assert params_shown(arch) == "5,569"
    text = dot(arch)
    for node in ("input", "dense_1", "dense_2", "output"):
        assert f'"{node}"' in text
    assert '"dense_1" -> "dense_2"' in text
    assert [c.value for c in at_captions(arch) if "notebook's network" in c.value]


def at_captions(at: AppTest) -> list[Any]:
    return list(at.caption)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_loads_and_draws(arch, name):
    load_preset(arch, name)
    model = PRESETS[name].job.model
    assert params_shown(arch) == f"{model.total_params():,}"
    text = dot(arch)
    for node in model.nodes:
        assert f'"{node.name}"' in text
    assert not arch.error


def test_adding_a_residual_add_changes_the_graph_and_parameter_count(arch):
    load_preset(arch, "deep")
    before = setup_of(arch).model
    assert params_shown(arch) == f"{before.total_params():,}"
    # A skip connection around dense_4 and dense_5, then a narrower layer before the head.
    edit_table(
        arch,
        edited={row_index(arch, "output"): {"inputs": "dense_6"}},
        added=[{"name": "skip", "type": "add", "inputs": "dense_3, dense_5"},
               {"name": "dense_6", "type": "dense", "inputs": "skip", "units": 16,
                "activation": "tanh"}],
    )
    assert not arch.error
    model = setup_of(arch).model
    assert model.node("skip").inputs == ("dense_3", "dense_5")
    assert model.node("dense_6").activation == "tanh"
    # dense_6: 32·16+16; the head now takes 16 instead of 32 inputs.
    expected = before.total_params() + (32 * 16 + 16) - 16
    assert model.total_params() == expected
    assert params_shown(arch) == f"{expected:,}"
    text = dot(arch)
    assert '"dense_3" -> "skip"' in text and "skip" in text and "style=dashed" in text
    # The table restarted from the committed graph: one row per node.
    assert len(table(arch).value) == len(model.nodes)


def test_a_cycle_names_the_node_and_keeps_the_last_valid_graph(arch):
    load_preset(arch, "deep")
    before = setup_of(arch)
    edit_table(arch, edited={row_index(arch, "dense_1"): {"inputs": "dense_3"}})
    assert arch.error
    message = arch.error[0].value
    assert "cycle" in message and "'dense_1'" in message
    assert "last valid one is kept" in message
    assert setup_of(arch) is before
    assert params_shown(arch) == f"{before.model.total_params():,}"
    assert 'fillcolor="#fbd5d5"' in dot(arch)  # the named node is drawn red
    # Revert: the table starts again from the last valid graph.
    arch.button(key=keys.ARCH_REVERT).click().run()
    assert not arch.error
    assert setup_of(arch) is before


def test_mismatched_add_and_bad_columns_are_reported(arch):
    load_preset(arch, "seed")
    edit_table(arch, edited={row_index(arch, "output"): {"inputs": "sum"}},
               added=[{"name": "sum", "type": "add", "inputs": "input, dense_2"}])
    assert arch.error and "'sum'" in arch.error[0].value
    assert "different widths" in arch.error[0].value
    assert setup_of(arch) == PRESETS["seed"].job
    edit_table(arch, edited={row_index(arch, "input"): {"columns": "x0, nope"}})
    assert arch.error and "'nope'" in arch.error[0].value  # check_model_fits names it
    assert setup_of(arch) == PRESETS["seed"].job


def test_a_valid_edit_reaches_build_and_train(arch):
    edit_table(arch, edited={row_index(arch, "dense_1"): {"units": 8}})
    assert setup_of(arch).model.node("dense_1").units == 8
    arch.switch_page("app_pages/build_train.py").run()
    assert not arch.exception
    assert widget(arch, "number_input", ".units.1").value == 8


# ------------------------------------------------------------------ training


@pytest.mark.parametrize("name", ["wide-deep", "multi-output"])
def test_graph_presets_train_to_completion(arch, name):
    load_preset(arch, name)
    widget(arch, "number_input", ".epochs").set_value(2).run()
    assert setup_of(arch).train.epochs == 2
    arch.button(key=keys.ARCH_TRAIN).click().run()
    assert not arch.exception, arch.exception
    run_until(arch, lambda a: a.session_state[keys.LAST_RUN] is not None
              if keys.LAST_RUN in a.session_state else False)
    run = arch.session_state[keys.LAST_RUN]
    assert run.result.status == "completed", run.result.message
    assert run.job.model == PRESETS[name].job.model
    heads = [n.name for n in PRESETS[name].job.model.outputs]
    assert list(run.result.heads) == heads
    shown = [m.value for m in arch.markdown]
    if len(heads) > 1:
        for head in heads:  # one row of test metrics per head
            assert any(f"**{head}**" in text for text in shown), head
    # The model can now be downloaded from the files section.
    assert arch.get("download_button")
    assert any(b.proto.id.endswith(keys.ARCH_DOWNLOAD_MODEL) or
               keys.ARCH_DOWNLOAD_MODEL in b.proto.id for b in arch.get("download_button"))


# ------------------------------------------------------------------ code and files


def test_code_is_shown_for_the_current_setup(arch):
    load_preset(arch, "siamese")
    arch.toggle(key=keys.ARCH_SHOW_CODE).set_value(True).run()
    codes = [c.value for c in arch.code if c.language == "python"]
    assert [c.strip() for c in codes] == [generate_script(PRESETS["siamese"].job).strip()]
    downloads = [b for b in arch.get("download_button")
                 if keys.ARCH_DOWNLOAD_CODE in b.proto.id]
    assert downloads and SCRIPT_FILENAME in downloads[0].proto.label


def test_setup_upload_replaces_the_setup_and_bad_one_keeps_it(arch):
    uploader = arch.file_uploader(key=keys.ARCH_SETUP_UPLOADER)
    uploader.upload("mine.json", job_to_json(PRESETS["multi-output"].job).encode(),
                    "application/json").run()
    assert not arch.exception and not arch.error
    assert setup_of(arch) == PRESETS["multi-output"].job
    assert job_from_json(job_to_json(setup_of(arch))) == setup_of(arch)
    params = f"{PRESETS['multi-output'].job.model.total_params():,}"
    assert [m.value for m in arch.success] == [  # the upload says what it loaded
        f"Loaded “mine.json”: Two targets, {params} parameters. It is your setup now on "
        "every page."]
    broken = json.loads(job_to_json(PRESETS["seed"].job))
    broken["model"]["nodes"][1]["activation"] = "rellu"
    arch.file_uploader(key=keys.ARCH_SETUP_UPLOADER).upload(
        "broken.json", json.dumps(broken).encode(), "application/json").run()
    assert arch.error and "broken.json" in arch.error[0].value
    assert "rellu" in arch.error[0].value and "current setup is kept" in arch.error[0].value
    assert setup_of(arch) == PRESETS["multi-output"].job
    assert not arch.success


def test_losses_and_tasks_have_one_name_on_every_page(arch):
    load_preset(arch, "multi-output")
    dot = arch.get("graphviz_chart")[0].proto.spec
    assert "sparse_categorical_crossentropy" not in dot and "binary_crossentropy" not in dot
    assert "binary cross-entropy" in dot  # as Build & Train calls it
    arch.segmented_control(key=keys.W_LANG).set_value("pt").run()
    assert "entropia cruzada binária" in arch.get("graphviz_chart")[0].proto.spec


# ------------------------------------------------------------------ share links


def test_the_url_mirrors_the_setup(arch):
    load_preset(arch, "residual")
    assert {k: arch.query_params[k][0] if isinstance(arch.query_params[k], list)
            else arch.query_params[k] for k in ("v", "s", "c")} == \
        job_to_query(PRESETS["residual"].job)
    link = [c.value for c in arch.code if c.language != "python"]
    assert link and job_to_query(PRESETS["residual"].job)["s"] in link[0]


def _fresh(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_share_link_restores_its_setup():
    at = _fresh({**job_to_query(PRESETS["siamese"].job), "lang": "en"})
    assert setup_of(at) == PRESETS["siamese"].job
    assert not at.warning
    at.switch_page(ARCHITECTURE).run()
    assert params_shown(at) == f"{PRESETS['siamese'].job.model.total_params():,}"
    assert "lang" in at.query_params  # a parameter funcnet does not own is kept


def test_a_tampered_link_warns_and_falls_back_to_the_default():
    params = job_to_query(PRESETS["siamese"].job)
    params["s"] = params["s"][:20] + ("A" if params["s"][20] != "A" else "B") + params["s"][21:]
    at = _fresh(params)
    assert at.warning and "could not be used" in at.warning[0].value
    assert "changed" in at.warning[0].value
    assert setup_of(at) == PRESETS["seed"].job
    # The URL now carries the default setup instead of the broken one.
    assert at.query_params["c"] in (job_to_query(PRESETS["seed"].job)["c"],
                                    [job_to_query(PRESETS["seed"].job)["c"]])


def test_two_code_exports_each_say_what_they_promise(arch):
    from funcnet.export.simple_script import SIMPLE_FILENAME, simple_script

    load_preset(arch, "seed")
    labels = {b.proto.label for b in arch.get("download_button")}
    assert f"Download the exact script ({SCRIPT_FILENAME})" in labels
    assert f"Download the simple script ({SIMPLE_FILENAME})" in labels
    promises = " ".join(m.value for m in arch.markdown)
    assert "same model, initial weights" in promises and "same architecture" in promises
    arch.toggle(key=keys.ARCH_SHOW_CODE).set_value(True).run()
    arch.segmented_control(key=keys.ARCH_SHOW_WHICH).set_value("simple").run()
    codes = [c.value for c in arch.code if c.language == "python"]
    assert [c.strip() for c in codes] == [simple_script(PRESETS["seed"].job).strip()]

    load_preset(arch, "siamese")
    labels = {b.proto.label for b in arch.get("download_button")}
    assert not any(SIMPLE_FILENAME in label for label in labels)
    assert any("Only the exact script is offered" in i.value and "several inputs" in i.value
               for i in arch.info)
