"""Lessons: the notebook's seven steps, and why random labels cannot be learned."""

from funcnet.ui.pages import lessons as lessons_page

lessons_page.render()
