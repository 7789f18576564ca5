"""Evaluate: ROC, confusion matrix, report and histogram of the last training."""

import json

from apphelpers import BUILD, EVALUATE, array, chart_titles, charts, train_and_wait, widget

from funcnet.ui import state as keys


def confusion_counts(at):
    figure = next(c for c in charts(at) if c["layout"]["title"]["text"].startswith("Confusion"))
    (heatmap,) = [trace for trace in figure["data"] if trace["type"] == "heatmap"]
    return array(heatmap["z"]).astype(int).tolist()


def test_without_a_training_it_points_to_build(app):
    app.switch_page(EVALUATE).run()
    assert "No training has finished yet" in app.info[0].value
    assert app.get("page_link")[0].proto.label == "Go to Build & Train"


def test_threshold_moves_the_roc_point_and_updates_matrix_and_report(app):
    app.switch_page(BUILD).run()
    widget(app, "selectbox", ".dataset").set_value("moons").run()
    run = train_and_wait(app, epochs=3)
    app.switch_page(EVALUATE).run()
    assert not app.exception and not app.error
    titles = chart_titles(app)
    assert "ROC curve" in titles and "Confusion matrix at threshold 0.50" in titles
    n_test = len(run.result.heads["output"].y_true)
    at_half = confusion_counts(app)
    assert sum(map(sum, at_half)) == n_test
    report_at_half = app.dataframe[0].value.copy()
    roc_at_half = json.dumps(next(c for c in charts(app) if c["layout"]["title"]["text"]
                                  == "ROC curve")["data"])

    app.select_slider(key="eval.threshold.output").set_value(0.9).run()
    at_high = confusion_counts(app)
    assert at_high != at_half
    assert sum(map(sum, at_high)) == n_test
    # A higher threshold predicts class 1 less often: the second column shrinks.
    assert at_high[0][1] + at_high[1][1] <= at_half[0][1] + at_half[1][1]
    assert "Confusion matrix at threshold 0.90" in chart_titles(app)
    assert not app.dataframe[0].value.equals(report_at_half)
    roc_at_high = json.dumps(next(c for c in charts(app) if c["layout"]["title"]["text"]
                                  == "ROC curve")["data"])
    assert roc_at_high != roc_at_half  # the threshold marker moved
    assert {"Accuracy", "AUC", "True positive rate", "False positive rate"} <= {
        m.label for m in app.metric}


def test_multiclass_head_gets_one_roc_curve_per_class(app):
    app.switch_page(BUILD).run()
    widget(app, "selectbox", ".dataset").set_value("iris").run()
    train_and_wait(app, epochs=2)
    app.switch_page(EVALUATE).run()
    assert not app.exception and not app.error
    roc = next(c for c in charts(app) if c["layout"]["title"]["text"] == "ROC curve")
    names = " ".join(trace.get("name", "") for trace in roc["data"])
    for species in ("setosa", "versicolor", "virginica"):
        assert species in names
    # No threshold for multiclass (the one select slider is the epoch replay's).
    assert [s.key for s in app.select_slider if not s.key.startswith(keys.REPLAY_POSITION)] == []
    report = app.dataframe[0].value
    assert {"setosa", "versicolor", "virginica", "accuracy"} <= set(report.index)


def test_regression_head_gets_error_plots_and_metrics(app):
    app.switch_page(BUILD).run()
    widget(app, "selectbox", ".preset").set_value("multi-output").run()
    app.button(key=keys.LOAD_PRESET).click().run()
    train_and_wait(app, epochs=2)
    app.switch_page(EVALUATE).run()
    assert not app.exception and not app.error
    picker = next(b for b in app.get("button_group") if b.key == keys.EVAL_HEAD)
    picker.set_value("value").run()
    assert {"MAE", "R²", "RMSE"} <= {m.label for m in app.metric}
    titles = chart_titles(app)
    # Above the head's plots, the epoch replay's loss curve; below them, "Inside the
    # network" follows test row 0 out of both heads; last, the run's own loss gap.
    assert titles[0] == "Loss per epoch (dotted: the epoch shown)"
    titles = titles[1:]
    inside = {"Test row 0 through every layer", "Output label", "Output value"}
    assert inside <= set(titles)
    assert titles[-1] == "Validation minus training loss"
    head_titles = [title for title in titles[:-1]
                   if title not in inside and not title.startswith("Weights of ")]
    assert len(head_titles) == 2
    assert all("value" in title.lower() or "residual" in title.lower() for title in head_titles)


def test_model_can_be_downloaded(app):
    app.switch_page(BUILD).run()
    train_and_wait(app, epochs=1)
    app.switch_page(EVALUATE).run()
    assert app.get("download_button")[0].proto.label == "Download the trained model (.keras)"
