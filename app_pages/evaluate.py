"""Evaluate: ROC, confusion matrix and report of the last finished training."""

from funcnet.ui import evaluate_page

evaluate_page.render()
