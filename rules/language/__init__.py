"""Language rules: language of page and parts (LANG-<n>, WCAG 3.1.1 / 3.1.2) and plain language in Finnish,
Swedish and English (PL-FI-<n>, PL-SV-<n>, PL-EN-<n>; advisory, WCAG 3.1.5 AAA). The text analysis is in
auditor/text; these modules turn its results into findings."""
