"""Home page: what funcnet is, and the button to the notebook's network."""

from apphelpers import ACTIVATIONS, BUILD, EVALUATE, HOME, metric_values, widget

from funcnet.ui import state as keys


def test_home_explains_and_offers_the_notebook_network(app):
    assert app.title[0].value == "funcnet"
    assert any("functional API" in m.value for m in app.markdown)
    assert app.button(key=keys.HOME_START).label == "Open the notebook's network"


def test_start_button_loads_the_seed_preset_and_opens_build(app):
    app.button(key=keys.HOME_START).click().run()
    assert not app.exception
    assert app.title[0].value == "Build & Train"
    assert metric_values(app)["Parameters"] == "5,569"
    assert widget(app, "number_input", ".layers").value == 2
    assert app.session_state[keys.SETUP].data.name == "seed-random"


def test_every_page_renders_without_errors(app):
    for page in (HOME, BUILD, EVALUATE, ACTIVATIONS):
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])

