"""The Lessons page in a real browser: the seven steps, a choice, training, noise vs signal."""

import re

import pytest
from e2e_ui import heading, metric_value
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def code_block(page):
    return page.get_by_test_id("stCode").filter(has_text="from keras import Input")


def test_the_seven_steps_grow_the_code_and_train(server_url, page):
    page.goto(f"{server_url}/lessons")
    expect(heading(page, "Step 1 of 7 · Define the input")).to_be_visible(timeout=60_000)
    expect(code_block(page)).to_contain_text("inputs = Input(shape=(20,))")
    page.get_by_role("button", name="Next").click()
    expect(heading(page, "Step 2 of 7 · Add hidden layers")).to_be_visible()
    units = page.get_by_label("Units of layer 1", exact=True)
    units.fill("24")
    units.press("Enter")
    expect(code_block(page)).to_contain_text('x = Dense(24, activation="relu")(inputs)')
    for title in ("The output layer", "Create the model", "Compile", "Train"):
        page.get_by_role("button", name="Next").click()
        expect(heading(page, re.compile(rf"Step \d of 7 · {title}$"))).to_be_visible()
    expect(code_block(page)).to_contain_text("history = model.fit(")
    epochs = page.get_by_label("Epochs", exact=True)
    epochs.fill("3")
    epochs.press("Enter")
    expect(code_block(page)).to_contain_text("epochs=3,")
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_role("button", name="Next").click()  # the training goes on meanwhile
    expect(heading(page, "Step 7 of 7 · Evaluate")).to_be_visible()
    expect(heading(page, "What the numbers say")).to_be_visible(timeout=120_000)
    accuracy = metric_value(page, "Accuracy")
    expect(page.get_by_text(re.compile(rf"accuracy is {re.escape(accuracy)} and its AUC"))
           ).to_be_visible()
    # The lesson works on its own network; one click makes it the Build & Train setup.
    page.get_by_role("button", name="Open this network in Build & Train").click()
    expect(page.get_by_label("Units of layer 1", exact=True)).to_have_value("24",
                                                                       timeout=30_000)


def test_lesson_two_in_portuguese(server_url, page):
    page.goto(f"{server_url}/lessons?lang=pt")
    page.get_by_text("2 · Uma rede consegue aprender ruído?").click()
    expect(heading(page, "Uma rede consegue aprender ruído?")).to_be_visible(timeout=60_000)
    epochs = page.get_by_label("Épocas (nos dois treinos)", exact=True)
    epochs.fill("15")
    epochs.press("Enter")
    page.get_by_role("button", name="Treinar os dois").click()
    expect(heading(page, "Conclusão")).to_be_visible(timeout=120_000)
    expect(page.get_by_text(re.compile(r"Com rótulos aleatórios a AUC de teste é 0,\d{3}"))
           ).to_be_visible()
