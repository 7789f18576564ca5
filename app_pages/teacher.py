"""For teachers: a class link that hides controls and pages, fixes a setup, sets a challenge."""

from funcnet.ui import teacher_page

teacher_page.render()
