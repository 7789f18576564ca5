"""Evaluate: ROC, confusion matrix and report of the last finished training."""

from funcnet.ui.pages import evaluate as evaluate_page

evaluate_page.render()
