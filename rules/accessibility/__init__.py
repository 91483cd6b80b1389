"""Accessibility rules: the axe-core adapter (AXE-*) and the project's own WCAG rules."""
