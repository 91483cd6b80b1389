"""SV-<n>: public-service duties beyond WCAG (docs/service.md lists every rule with its references).

accessibility statement (statement.py), feedback channel (feedback.py), both national languages (languages.py),
secure delivery (security.py), documents (documents.py), broken links and images (links.py). All are site rules:
they run once over the finished crawl's stored artifacts (page.json, dom.html, document.bin) and fetch nothing, so
they never touch the page accessibility score. Shared parsing lives in common.py.
"""
