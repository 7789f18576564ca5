"""For teachers: a class link that hides controls and pages, fixes a setup, sets a challenge."""

from funcnet.ui.pages import teacher as teacher_page

teacher_page.render()
