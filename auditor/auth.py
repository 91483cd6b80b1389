"""Logged-in e-services: extra headers, cookies, HTTP basic auth, a Playwright storage-state file, and a scripted
login (a list of steps or a Python hook) run before the crawl.

Secrets come from the environment or from files, never from the command line: every secret value in the config is
a reference, `env:NAME` or `file:PATH`. The run's stored config keeps the references only; the values live in
memory for the crawl and are redacted from anything written.
"""
from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

# Links that end the session are never followed on a logged-in crawl.
LOGOUT_PATTERN = r"(?i)(log-?out|sign-?out|kirjaudu-?ulos|uloskirjautuminen|logga-?ut|utloggning)"


class AuthError(ValueError):
    pass


def resolve(ref: Any, what: str, secret: bool = True) -> str:
    """`env:NAME` → the variable's value, `file:PATH` → the file's content; a literal only where not secret."""
    if not isinstance(ref, str):
        raise AuthError(f"{what}: expected a string")
    if ref.startswith("env:"):
        name = ref[4:]
        if name not in os.environ:
            raise AuthError(f"{what}: environment variable {name} is not set")
        return os.environ[name]
    if ref.startswith("file:"):
        p = Path(ref[5:]).expanduser()
        try:
            return p.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise AuthError(f"{what}: cannot read {p}: {exc.strerror}") from None
    if secret:
        raise AuthError(f"{what}: secrets must be given as env:NAME or file:PATH, not as plain text")
    return ref


@dataclass
class Session:
    """Resolved credentials for one crawl. `secrets` lists every secret value, for redaction."""

    headers: dict[str, str] = field(default_factory=dict)
    basic: tuple[str, str] | None = None
    storage_state: dict[str, Any] | None = None
    check: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)
    origin: str = ""  # credentials are sent to the audited origin only

    @property
    def active(self) -> bool:
        return bool(self.headers or self.basic or self.storage_state)

    def request_headers(self) -> dict[str, str]:
        """Headers for requests to the audited origin: configured headers and, for basic auth, Authorization
        sent with the first request (servers that redirect to a login page never send a 401 challenge)."""
        h = dict(self.headers)
        if self.basic:
            token = base64.b64encode(f"{self.basic[0]}:{self.basic[1]}".encode()).decode()
            h["authorization"] = f"Basic {token}"
        return h

    def context_options(self) -> dict[str, Any]:
        """Browser context options (headers are added per request by spiders.site.process_headers)."""
        opts: dict[str, Any] = {}
        if self.storage_state:
            opts["storage_state"] = self.storage_state
        return opts

    def cookies_for(self, url: str) -> dict[str, str]:
        """Cookies of the storage state that apply to a URL (for the crawl's plain HTTP requests)."""
        host = urlsplit(url).hostname or ""
        out = {}
        for c in (self.storage_state or {}).get("cookies", []):
            dom = (c.get("domain") or "").lstrip(".")
            if host == dom or host.endswith("." + dom):
                out[c["name"]] = c["value"]
        return out

    def redact(self, text: str) -> str:
        for s in self.secrets:
            if s and len(s) >= 3:
                text = text.replace(s, "[secret]")
        return text

    def expired(self, final_url: str, has_logged_in_marker: bool | None) -> bool:
        pat = self.check.get("expired_url")
        if pat and re.search(pat, final_url):
            return True
        return has_logged_in_marker is False


def _check_keys(d: dict, allowed: set[str], where: str) -> None:
    extra = set(d) - allowed
    if extra:
        raise AuthError(f"{where}: unknown key {sorted(extra)[0]!r}")


def build_session(auth: dict[str, Any] | None, login: dict[str, Any] | None, seeds: tuple[str, ...],
                  browser_path: str | None = None, launch_args: list[str] | None = None) -> Session:
    s = Session()
    if seeds:
        p = urlsplit(seeds[0])
        s.origin = f"{p.scheme}://{p.netloc}"
    auth = {k.replace("-", "_"): v for k, v in (auth or {}).items()}
    login = {k.replace("-", "_"): v for k, v in (login or {}).items()}
    _check_keys(auth, {"headers", "basic", "cookies", "storage_state"}, "[auth]")
    _check_keys(login, {"steps", "hook", "check"}, "[login]")
    for name, ref in (auth.get("headers") or {}).items():
        s.headers[name] = v = resolve(ref, f"[auth] header {name}")
        s.secrets.append(v)
    if auth.get("basic"):
        b = auth["basic"]
        _check_keys(b, {"user", "password"}, "[auth.basic]")
        user = resolve(b.get("user", ""), "[auth.basic] user", secret=False)
        pw = resolve(b.get("password", ""), "[auth.basic] password")
        s.basic = (user, pw)
        s.secrets.append(pw)
    state: dict[str, Any] = {"cookies": [], "origins": []}
    if auth.get("storage_state"):
        p = Path(str(auth["storage_state"])).expanduser()
        try:
            state = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise AuthError(f"[auth] storage-state {p}: {exc}") from None
        for c in state.get("cookies", []):
            s.secrets.append(str(c.get("value", "")))
    for c in auth.get("cookies") or ():
        _check_keys(c, {"name", "value", "domain", "path", "secure", "http_only", "httpOnly"}, "[[auth.cookies]]")
        val = resolve(c.get("value", ""), f"[auth] cookie {c.get('name')}")
        host = c.get("domain") or (urlsplit(seeds[0]).hostname if seeds else "")
        state["cookies"].append({"name": c["name"], "value": val, "domain": host, "path": c.get("path", "/"),
                                 "expires": -1, "httpOnly": bool(c.get("http_only", c.get("httpOnly", False))),
                                 "secure": bool(c.get("secure", False)), "sameSite": "Lax"})
        s.secrets.append(val)
    if state["cookies"] or state.get("origins"):
        s.storage_state = state
    check = {k.replace("-", "_"): v for k, v in (login.get("check") or {}).items()}
    _check_keys(check, {"expired_url", "logged_in_selector"}, "[login.check]")
    s.check = dict(check)
    if login.get("steps") or login.get("hook"):
        s.storage_state = scripted_login(login, seeds, s, browser_path, launch_args or [])
    return s


def scripted_login(login: dict[str, Any], seeds: tuple[str, ...], s: Session, browser_path: str | None,
                   launch_args: list[str]) -> dict[str, Any]:
    """Run the login in the browser before the crawl and return the session's storage state."""
    from playwright.sync_api import Error as PWError
    from playwright.sync_api import sync_playwright

    base = seeds[0] if seeds else ""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, args=launch_args, headless=True)
        try:
            extra = {"extra_http_headers": s.request_headers()} if s.request_headers() else {}
            ctx = browser.new_context(**s.context_options(), **extra)
            page = ctx.new_page()
            page.set_default_timeout(30_000)
            try:
                if login.get("hook"):
                    _run_hook(str(login["hook"]), page, base)
                for i, step in enumerate(login.get("steps") or (), 1):
                    _run_step(page, step, base, i, s)
            except PWError as exc:
                raise AuthError(f"login failed: {s.redact(str(exc)).splitlines()[0]}") from None
            return ctx.storage_state()
        finally:
            browser.close()


def _run_step(page, step: dict[str, Any], base: str, i: int, s: Session) -> None:
    if not isinstance(step, dict) or len(set(step) - {"value", "key", "timeout"}) != 1:
        raise AuthError(f"login step {i}: one of goto, fill, click, press, wait, wait_url (plus value/key)")
    if "goto" in step:
        page.goto(urljoin(base, step["goto"]), wait_until="load")
    elif "fill" in step:
        ref = str(step.get("value", ""))
        val = resolve(ref, f"login step {i} value", secret=False)
        if ref.startswith(("env:", "file:")):
            s.secrets.append(val)
        page.fill(step["fill"], val)
    elif "click" in step:
        page.click(step["click"])
    elif "press" in step:
        page.press(step["press"], step.get("key", "Enter"))
    elif "wait" in step:
        page.wait_for_selector(step["wait"], timeout=step.get("timeout", 30_000))
    elif "wait_url" in step:
        page.wait_for_url(re.compile(step["wait_url"]), timeout=step.get("timeout", 30_000))
    else:
        raise AuthError(f"login step {i}: unknown action {next(iter(step))!r}")


def _run_hook(spec: str, page, base: str) -> None:
    """`path/to/login.py:function` — called as function(page, base_url, secret) with Playwright's sync page;
    `secret("env:NAME")` resolves a reference."""
    path, _, func = spec.rpartition(":")
    if not path or not func:
        raise AuthError("[login] hook must be PATH.py:FUNCTION")
    p = Path(path).expanduser()
    if not p.is_file():
        raise AuthError(f"[login] hook file {p} not found")
    mod_spec = importlib.util.spec_from_file_location("auditor_login_hook", p)
    mod = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(mod)
    fn = getattr(mod, func, None)
    if not callable(fn):
        raise AuthError(f"[login] hook {spec}: no function {func}")
    fn(page, base, lambda ref: resolve(ref, "hook secret"))
