"""The Home page: what funcnet is, and one click to the notebook's network."""

from __future__ import annotations

import streamlit as st

from funcnet.model.presets import PRESETS
from funcnet.ui import classroom, dataset_names, links, routes, setup, state
from funcnet.ui.texts import fmt_int, t


def render() -> None:
    """Draws the Home page."""
    st.title(t("home.title"))
    st.markdown(f"#### {t('home.tagline')}")
    st.markdown(t("home.intro"))
    columns = st.columns(3, gap="large")
    for col, part in zip(columns, ("build", "train", "understand"), strict=True):
        with col, st.container(border=True):
            st.markdown(f"**{t(f'home.{part}_title')}**")
            st.markdown(t(f"home.{part}_text"))
    in_class = classroom.current() is not None
    with st.container(border=True):
        if in_class:  # a class link's setup stays the teacher's: describe that one
            _class_setup()
        else:
            _notebook_setup()
        if st.button(t("home.class_start" if in_class else "home.start"), type="primary",
                     icon=":material/rocket_launch:", key=state.HOME_START):
            if not in_class:
                setup.load_preset(setup.DEFAULT_PRESET)
            links.switch_page(routes.BUILD if classroom.shows_page(routes.BUILD)
                              else routes.LESSONS)
    st.caption(t("home.footer"))


def _notebook_setup() -> None:
    seed = PRESETS[setup.DEFAULT_PRESET]
    st.markdown(f"**{t('home.seed_title')}**")
    st.markdown(t("home.seed_text", description=t(f"preset.{setup.DEFAULT_PRESET}.description"),
                  params=fmt_int(seed.job.model.total_params())))


def _class_setup() -> None:
    job = setup.current()
    dataset = dataset_names.label(job.data.name)
    dense = sum(1 for node in job.model.nodes if node.type == "dense")
    st.markdown(f"**{t('home.class_title')}**")
    st.markdown(t("home.class_text", dataset=dataset, layers=fmt_int(dense),
                  params=fmt_int(job.model.total_params())))
