"""auditor: accessibility, device-independence and plain-language audit crawler for public e-services."""
from __future__ import annotations

__version__ = "0.1.0"
