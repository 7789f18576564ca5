"""Fixtures for the Streamlit `AppTest` suites (helpers live in `apphelpers.py`).

Every test starts from `app.py` as a real session would. Training jobs run
on a small pool of worker processes shared by the whole test session
(`st.cache_resource` lives as long as the process), so only the first job
pays the Keras import.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apphelpers import APP, BUILD
from streamlit.testing.v1 import AppTest


@pytest.fixture(autouse=True, scope="session")
def _upload_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # One folder for the whole session, as on a server: the shared pool's workers are
    # spawned once and read uploads from the folder they were started with.
    patch = pytest.MonkeyPatch()
    patch.setenv("FUNCNET_UPLOAD_DIR", str(tmp_path_factory.mktemp("uploads")))
    yield
    patch.undo()


@pytest.fixture
def app() -> AppTest:
    """A fresh session on the Home page."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def build(app: AppTest) -> AppTest:
    """A fresh session on Build & Train (the seed preset)."""
    app.switch_page(BUILD).run()
    assert not app.exception, app.exception
    return app


