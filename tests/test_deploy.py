"""The example nginx server block serves the internal edition only to those with a password.

The shipped file `deploy/nginx-internal.conf` is run as it is, with only its
paths and ports replaced, by a real nginx on loopback. Skipped when nginx
(or openssl, for the test certificate) is not installed.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLE = ROOT / "deploy" / "nginx-internal.conf"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
OPENSSL = shutil.which("openssl")
USER, PASSWORD = "canbo1", "mat-khau-thu"

pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
    pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed: no test certificate"),
]


@dataclass(frozen=True)
class Server:
    http_port: int
    https_port: int

    def get(self, path: str, auth: tuple[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", self.https_port, context=context, timeout=10)
        headers = {}
        if auth:
            headers["Authorization"] = "Basic " + base64.b64encode(":".join(auth).encode()).decode()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read().decode("utf-8", errors="replace")
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ssha(password: str) -> str:
    """An nginx-readable password hash ({SSHA}, RFC 2307) without htpasswd."""
    salt = os.urandom(8)
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"{EXAMPLE.name} no longer has {old!r}: update this test with it"
    return text.replace(old, new)


@pytest.fixture
def server(tmp_path: Path, built_sample: Path) -> Iterator[Server]:
    assert NGINX and OPENSSL
    crt, key = tmp_path / "test.crt", tmp_path / "test.key"
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(crt)],
        check=True, capture_output=True,
    )  # fmt: skip
    passwords = tmp_path / "htpasswd"
    passwords.write_text(f"{USER}:{_ssha(PASSWORD)}\n", encoding="utf-8")
    ports = Server(_free_port(), _free_port())
    conf = EXAMPLE.read_text(encoding="utf-8")
    conf = _replace(conf, "listen 80;", f"listen 127.0.0.1:{ports.http_port};")
    conf = _replace(conf, "listen 443 ssl;", f"listen 127.0.0.1:{ports.https_port} ssl;")
    conf = _replace(conf, "/etc/ssl/certs/bao-cao.noibo.example.crt", str(crt))
    conf = _replace(conf, "/etc/ssl/private/bao-cao.noibo.example.key", str(key))
    conf = _replace(conf, "/srv/bao-cao-noi-bo;", f"{built_sample};")
    conf = _replace(conf, "/etc/nginx/bao-cao-noi-bo.htpasswd", str(passwords))
    (tmp_path / "site.conf").write_text(conf, encoding="utf-8")
    mime = Path("/etc/nginx/mime.types")
    types = (
        f"include {mime};" if mime.exists() else "types { text/html html; text/css css; application/javascript js; }"
    )
    temp = "\n".join(f"    {k}_temp_path {tmp_path / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = tmp_path / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'} warn;\n"
        + "events { worker_connections 64; }\n"
        + f"http {{\n    {types}\n    default_type application/octet-stream;\n    access_log off;\n{temp}\n"
        + f"    include {tmp_path / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "[warn]" not in check.stderr, check.stderr
    proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(main)], stderr=subprocess.PIPE)
    try:
        _wait_for(ports.https_port, proc)
        yield ports
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _wait_for(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "nginx stopped")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("nginx did not start listening")


def test_without_a_password_nothing_is_served(server: Server) -> None:
    for path in ("/", "/index.html", "/chi-tieu/ct11.html", "/search/search_index.json"):
        status, headers, body = server.get(path)
        assert status == 401, path
        assert headers["www-authenticate"] == 'Basic realm="Bao cao - luu hanh noi bo"'
        assert "CT11" not in body


def test_a_wrong_password_is_refused(server: Server) -> None:
    assert server.get("/", (USER, "sai"))[0] == 401
    assert server.get("/", ("khach", PASSWORD))[0] == 401


def test_with_the_password_the_internal_edition_is_served(server: Server) -> None:
    status, headers, body = server.get("/", (USER, PASSWORD))
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["x-robots-tag"] == "noindex, nofollow"
    assert headers["cache-control"] == "private, no-cache"
    assert "Lưu hành nội bộ" in body
    assert server.get("/chi-tieu/ct11.html", (USER, PASSWORD))[0] == 200
    status, _, body = server.get("/khong-co.html", (USER, PASSWORD))
    assert status == 404
    assert "Lưu hành nội bộ" in body  # the site's own 404 page
    assert server.get("/sitemap.xml", (USER, PASSWORD))[0] == 404


def test_plain_http_is_sent_to_https(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=10)
    conn.request("GET", "/chi-tieu/index.html")
    response = conn.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/chi-tieu/index.html"
    conn.close()
